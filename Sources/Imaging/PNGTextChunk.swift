/// One PNG text chunk: a Latin-1 keyword and its text.
///
/// `tEXt` and `zTXt` hold Latin-1 text; `iTXt` holds UTF-8 text, optionally compressed, with an
/// optional language tag and translated keyword. Text may not contain NUL characters.
public struct PNGTextChunk: Sendable, Equatable, Hashable {
    public enum Kind: Sendable, Equatable, Hashable, CustomStringConvertible {
        case tEXt
        case zTXt
        case iTXt(compressed: Bool)

        public var description: String {
            switch self {
            case .tEXt: return "tEXt"
            case .zTXt: return "zTXt"
            case let .iTXt(compressed): return compressed ? "iTXt (compressed)" : "iTXt"
            }
        }
    }

    public var keyword: String
    public var text: String
    public var kind: Kind
    /// iTXt only: a language tag such as "en" or "x-private" (ASCII letters, digits and '-').
    public var languageTag: String
    /// iTXt only: the keyword translated into the language of the text (UTF-8).
    public var translatedKeyword: String

    /// A chunk of the given kind. Writing checks that the text fits the kind.
    public init(keyword: String, text: String, kind: Kind, languageTag: String = "", translatedKeyword: String = "") {
        self.keyword = keyword
        self.text = text
        self.kind = kind
        self.languageTag = languageTag
        self.translatedKeyword = translatedKeyword
    }

    /// A chunk whose kind follows the text, as Pillow chooses it: `tEXt` (or `zTXt` when
    /// `compressed`) when the text is Latin-1, otherwise UTF-8 `iTXt`.
    public init(keyword: String, text: String, compressed: Bool = false) {
        let kind: Kind = Latin1.canEncode(text) ? (compressed ? .zTXt : .tEXt) : .iTXt(compressed: compressed)
        self.init(keyword: keyword, text: text, kind: kind)
    }
}

extension Array where Element == PNGTextChunk {
    /// The text of the first chunk with this keyword.
    public func text(for keyword: String) -> String? {
        first { $0.keyword == keyword }?.text
    }
}
