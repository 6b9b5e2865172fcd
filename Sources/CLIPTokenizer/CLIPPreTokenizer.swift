// Port of the pre-tokenizer transformers 5.24 `CLIPTokenizer.__init__` installs (tokenizers 0.23):
//   Split(Regex(r"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"),
//         behavior="removed", invert=True)
//   followed by ByteLevel(add_prefix_space=False), whose GPT-2 pattern (use_regex) splits again.
// The pattern is matched by hand, alternative by alternative, at each position, as a backtracking
// regex engine does.

/// Splits normalized text into the words that BPE encodes.
enum CLIPPreTokenizer {
    private static let startOfText = Array("<|startoftext|>".unicodeScalars)
    private static let endOfText = Array("<|endoftext|>".unicodeScalars)

    /// Calls `word` with each word, in order. Whitespace between words is dropped.
    static func forEachWord(in text: [Unicode.Scalar], _ word: (ArraySlice<Unicode.Scalar>) -> Void) {
        var index = 0
        let count = text.count
        while index < count {
            let scalar = text[index]
            let scalarClass = ScalarClass(scalar)
            if scalar == "<", let literal = specialLiteral(in: text, at: index) {
                // The second split (GPT-2's pattern) cuts the literal into "<|", the name and "|>".
                word(text[index..<(index + 2)])
                word(text[(index + 2)..<(index + literal.count - 2)])
                word(text[(index + literal.count - 2)..<(index + literal.count)])
                index += literal.count
            } else if scalar == "'", let length = contractionLength(in: text, at: index) {
                word(text[index..<(index + length)])
                index += length
            } else if scalarClass == .letter {
                var end = index + 1
                while end < count, ScalarClass(text[end]) == .letter { end += 1 }
                word(text[index..<end])
                index = end
            } else if scalarClass == .number {
                word(text[index..<(index + 1)])
                index += 1
            } else if scalarClass == .whitespace {
                index += 1
            } else {
                var end = index + 1
                while end < count, ScalarClass(text[end]) == .other { end += 1 }
                word(text[index..<end])
                index = end
            }
        }
    }

    private static func specialLiteral(in text: [Unicode.Scalar], at index: Int) -> [Unicode.Scalar]? {
        for literal in [startOfText, endOfText] where text[index...].starts(with: literal) {
            return literal
        }
        return nil
    }

    /// The length of `'s`, `'t`, `'re`, `'ve`, `'m`, `'ll` or `'d` at `index`, tried in that order.
    private static func contractionLength(in text: [Unicode.Scalar], at index: Int) -> Int? {
        guard index + 1 < text.count else { return nil }
        switch text[index + 1] {
        case "s", "t", "m", "d":
            return 2
        case "r", "v":
            return index + 2 < text.count && text[index + 2] == "e" ? 3 : nil
        case "l":
            return index + 2 < text.count && text[index + 2] == "l" ? 3 : nil
        default:
            return nil
        }
    }
}
