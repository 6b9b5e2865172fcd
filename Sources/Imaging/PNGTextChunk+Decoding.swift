extension PNGTextChunk {
    /// A chunk from the bytes libpng read, or nil (with a warning) when its text exceeds the limit.
    /// Latin-1 converts byte for byte; iTXt text that is not valid UTF-8 has each invalid sequence
    /// replaced by U+FFFD and a warning is logged.
    static func decoded(from raw: RawTextChunk, limits: PNGReadLimits, log: inout WarningLog) -> PNGTextChunk? {
        let keyword = Latin1.decode(raw.keyword)
        let kind: Kind
        switch raw.compression {
        case -1: kind = .tEXt
        case 0: kind = .zTXt
        case 1: kind = .iTXt(compressed: false)
        case 2: kind = .iTXt(compressed: true)
        default:
            log.add("skipped text chunk \"\(keyword)\": unknown compression \(raw.compression)")
            return nil
        }
        guard raw.text.count <= limits.maxTextBytes else {
            log.add("skipped \(kind) chunk \"\(keyword)\": its \(raw.text.count) bytes of text exceed "
                + "the \(limits.maxTextBytes)-byte limit")
            return nil
        }
        guard case .iTXt = kind else {
            return PNGTextChunk(keyword: keyword, text: Latin1.decode(raw.text), kind: kind)
        }
        let text = utf8(raw.text, field: "text", keyword: keyword, log: &log)
        let translated = utf8(raw.translatedKeyword, field: "translated keyword", keyword: keyword, log: &log)
        return PNGTextChunk(keyword: keyword, text: text, kind: kind,
                            languageTag: Latin1.decode(raw.languageTag), translatedKeyword: translated)
    }

    private static func utf8(_ bytes: [UInt8], field: String, keyword: String, log: inout WarningLog) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) {
            return valid
        }
        log.add("iTXt chunk \"\(keyword)\": the \(field) is not valid UTF-8; invalid bytes were replaced with U+FFFD")
        return String(decoding: bytes, as: UTF8.self)
    }
}
