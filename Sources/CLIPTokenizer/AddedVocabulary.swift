// Port of the matching half of `tokenizers` 0.23 AddedVocabulary (tokenizer/added_vocabulary.rs):
// `extract_and_normalize` cuts added tokens out of the raw text first (tokens with normalized=false),
// normalizes what is left, then cuts the normalized tokens out of each normalized piece. Matches are
// leftmost-longest and never overlap (Aho-Corasick `find_iter`).

/// A token matched in the text before BPE (special tokens such as `<|endoftext|>`, `!` for
/// tokenizer_2, and tokens a fine-tune added).
public struct AddedToken: Sendable, Equatable, CustomStringConvertible {
    public let content: String
    public let id: Int32
    /// Matched in the normalized (lower-cased, NFC) text instead of the raw text.
    public let normalized: Bool
    /// Matched only when no word character (`\w`) touches it on either side.
    public let singleWord: Bool
    /// Absorb whitespace on the left or right. Kept for completeness: CLIP's pre-tokenizer drops
    /// whitespace anyway, so these flags never change the ids.
    public let leftStrip: Bool
    public let rightStrip: Bool

    public var description: String {
        "\(id) \"\(content)\"\(normalized ? " normalized" : "")\(singleWord ? " single-word" : "")"
    }
}

/// The added tokens of a tokenizer and where they occur in a text.
struct AddedVocabulary: Sendable {
    /// A piece of the text: either plain text or one added token.
    enum Segment {
        case text(Range<Int>)
        case token(Int32)
    }

    private struct Pattern: Sendable {
        let scalars: [Unicode.Scalar]
        let token: AddedToken
    }

    let tokens: [AddedToken]
    private let rawPatterns: [Pattern]
    private let normalizedPatterns: [Pattern]

    init(tokens: [AddedToken]) {
        self.tokens = tokens
        rawPatterns = tokens.filter { !$0.normalized && !$0.content.isEmpty }
            .map { Pattern(scalars: Array($0.content.unicodeScalars), token: $0) }
        normalizedPatterns = tokens.filter { $0.normalized && !$0.content.isEmpty }
            .map { Pattern(scalars: TextNormalizer.normalize(Array($0.content.unicodeScalars)[...]), token: $0) }
            .filter { !$0.scalars.isEmpty }
    }

    /// Splits raw text around the tokens matched before normalization.
    func splitRaw(_ text: [Unicode.Scalar]) -> [Segment] {
        split(text, patterns: rawPatterns)
    }

    /// Splits normalized text around the tokens matched after normalization.
    func splitNormalized(_ text: [Unicode.Scalar]) -> [Segment] {
        split(text, patterns: normalizedPatterns)
    }

    private func split(_ text: [Unicode.Scalar], patterns: [Pattern]) -> [Segment] {
        guard !patterns.isEmpty else { return [.text(0..<text.count)] }
        var segments = [Segment]()
        var textStart = 0
        var index = 0
        while index < text.count {
            guard let pattern = longestMatch(in: text, at: index, patterns: patterns) else {
                index += 1
                continue
            }
            let end = index + pattern.scalars.count
            if !pattern.token.singleWord || isSingleWord(text, start: index, end: end) {
                if textStart < index { segments.append(.text(textStart..<index)) }
                segments.append(.token(pattern.token.id))
                textStart = end
            }
            // A rejected match still ends the search there, as Aho-Corasick's iterator does.
            index = end
        }
        if textStart < text.count { segments.append(.text(textStart..<text.count)) }
        return segments
    }

    private func longestMatch(in text: [Unicode.Scalar], at index: Int, patterns: [Pattern]) -> Pattern? {
        var best: Pattern?
        for pattern in patterns where pattern.scalars.count > (best?.scalars.count ?? 0) {
            if text[index...].starts(with: pattern.scalars) { best = pattern }
        }
        return best
    }

    private func isSingleWord(_ text: [Unicode.Scalar], start: Int, end: Int) -> Bool {
        (start == 0 || !Self.isWordCharacter(text[start - 1])) && (end == text.count || !Self.isWordCharacter(text[end]))
    }

    /// Rust regex `\w`: Alphabetic, marks, decimal digits, connector punctuation, join controls.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.isJoinControl { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }
}
