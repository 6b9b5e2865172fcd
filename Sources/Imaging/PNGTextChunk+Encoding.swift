/// A text chunk as the bytes libpng writes: Latin-1 keyword, Latin-1 or UTF-8 text.
struct EncodedTextChunk {
    var keyword: [UInt8]
    var text: [UInt8]
    var kind: PNGTextChunk.Kind
    var languageTag: [UInt8]
    var translatedKeyword: [UInt8]
}

extension PNGTextChunk {
    /// Longest iTXt language tag and translated keyword accepted (bytes).
    static let maxLanguageTagBytes = 79
    static let maxTranslatedKeywordBytes = 1024

    /// The keyword's Latin-1 bytes, checked against the PNG rules: 1 to 79 printable Latin-1
    /// characters (32–126, 161–255), no leading, trailing or consecutive spaces.
    static func validatedKeyword(_ keyword: String) throws -> [UInt8] {
        guard let bytes = Latin1.encode(keyword) else {
            throw ImagingError.invalidTextKeyword(keyword: keyword, reason: "it has characters outside Latin-1")
        }
        guard (1...79).contains(bytes.count) else {
            throw ImagingError.invalidTextKeyword(keyword: keyword, reason: "it has \(bytes.count) characters")
        }
        guard bytes.allSatisfy({ (32...126).contains($0) || $0 >= 161 }) else {
            throw ImagingError.invalidTextKeyword(keyword: keyword, reason: "it has a control or non-printable character")
        }
        guard bytes.first != 32, bytes.last != 32 else {
            throw ImagingError.invalidTextKeyword(keyword: keyword, reason: "it starts or ends with a space")
        }
        guard !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 32 && $1 == 32 }) else {
            throw ImagingError.invalidTextKeyword(keyword: keyword, reason: "it has two spaces in a row")
        }
        return bytes
    }

    /// The bytes to write, after checking keyword, text and kind. `maxTextBytes` bounds the text
    /// so that a file this module writes can always be read back under the same limit.
    func encoded(maxTextBytes: Int) throws -> EncodedTextChunk {
        let keywordBytes = try Self.validatedKeyword(keyword)
        let textBytes: [UInt8]
        var languageBytes: [UInt8] = []
        var translatedBytes: [UInt8] = []
        switch kind {
        case .tEXt, .zTXt:
            guard let latin1 = Latin1.encode(text) else {
                throw ImagingError.invalidTextValue(
                    keyword: keyword, reason: "\(kind) holds Latin-1 text only; use an iTXt chunk for this text")
            }
            guard languageTag.isEmpty, translatedKeyword.isEmpty else {
                throw ImagingError.invalidTextValue(
                    keyword: keyword, reason: "only iTXt chunks carry a language tag or translated keyword")
            }
            textBytes = latin1
        case .iTXt:
            textBytes = Array(text.utf8)
            languageBytes = Array(languageTag.utf8)
            translatedBytes = Array(translatedKeyword.utf8)
            guard languageBytes.count <= Self.maxLanguageTagBytes,
                  languageBytes.allSatisfy({ $0 == UInt8(ascii: "-") || (48...57).contains($0)
                      || (65...90).contains($0) || (97...122).contains($0) }) else {
                throw ImagingError.invalidTextValue(
                    keyword: keyword, reason: "the language tag must be up to 79 ASCII letters, digits or '-'")
            }
            guard translatedBytes.count <= Self.maxTranslatedKeywordBytes, !translatedBytes.contains(0) else {
                throw ImagingError.invalidTextValue(
                    keyword: keyword, reason: "the translated keyword must be up to 1024 bytes without NUL")
            }
        }
        guard !textBytes.contains(0) else {
            throw ImagingError.invalidTextValue(keyword: keyword, reason: "the text contains a NUL character; remove it")
        }
        guard textBytes.count <= maxTextBytes else {
            throw ImagingError.invalidTextValue(
                keyword: keyword, reason: "the text is \(textBytes.count) bytes, more than the \(maxTextBytes)-byte limit")
        }
        return EncodedTextChunk(keyword: keywordBytes, text: textBytes, kind: kind,
                                languageTag: languageBytes, translatedKeyword: translatedBytes)
    }
}
