/// Walks the chunk structure of a PNG (signature, then length, type, data, CRC per chunk)
/// without decompressing or checking CRCs; libpng does that for the chunks it is given.
enum PNGChunkWalker {
    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
    /// Chunks walked at most, so a file of tiny chunks cannot keep the walk busy for long.
    static let maxChunks = 1_000_000

    struct Chunk {
        /// The four type letters, e.g. "IDAT".
        let type: String
        /// Where the chunk's length field starts.
        let offset: Int
        let dataLength: Int

        var dataOffset: Int { offset + 8 }
        var end: Int { offset + 12 + dataLength }
        var range: Range<Int> { offset..<end }
        /// Critical chunks have an upper-case first letter; a decoder must understand them.
        var isCritical: Bool { type.utf8.first.map { $0 < 97 } ?? true }
        var isText: Bool { type == "tEXt" || type == "zTXt" || type == "iTXt" }
    }

    enum Ending: Equatable {
        /// The IEND chunk was reached; anything after it is ignored.
        case iend
        /// The data ended on a chunk boundary before IEND.
        case endOfData
        /// The data ended inside a chunk.
        case truncated(String)
    }

    /// Calls `visit` for each complete chunk in order until IEND (included), the end of the data,
    /// or a chunk cut short. Throws when the signature is missing or a chunk header is invalid.
    static func walk(_ source: some PNGByteSource, path: String, visit: (Chunk) throws -> Void) throws -> Ending {
        let prefixLength = min(source.count, signature.count)
        let prefix = try source.bytes(at: 0, length: prefixLength)
        guard prefix == Array(signature.prefix(prefixLength)), prefixLength > 0 else {
            throw ImagingError.notPNG(path: path)
        }
        guard prefixLength == signature.count else {
            throw ImagingError.truncatedPNG(path: path, detail: "the file ends inside the PNG signature")
        }
        var offset = signature.count
        var walked = 0
        while true {
            let remaining = source.count - offset
            if remaining == 0 { return .endOfData }
            guard remaining >= 8 else {
                return .truncated("the file ends inside the chunk header at byte \(offset)")
            }
            let header = try source.bytes(at: offset, length: 8)
            let length = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
            let typeBytes = header[4..<8]
            guard typeBytes.allSatisfy({ (65...90).contains($0) || (97...122).contains($0) }) else {
                throw ImagingError.corruptPNG(path: path, detail: "invalid chunk type at byte \(offset)")
            }
            let type = Latin1.decode(typeBytes)
            guard length <= 0x7FFF_FFFF else {
                throw ImagingError.corruptPNG(path: path, detail: "\(type) chunk at byte \(offset) declares \(length) bytes")
            }
            guard length <= remaining - 12 else {
                return .truncated("the \(type) chunk at byte \(offset) needs \(length + 12) bytes but only \(remaining) remain")
            }
            let chunk = Chunk(type: type, offset: offset, dataLength: length)
            try visit(chunk)
            if type == "IEND" { return .iend }
            offset = chunk.end
            walked += 1
            guard walked < maxChunks else {
                throw ImagingError.corruptPNG(path: path, detail: "more than \(maxChunks) chunks")
            }
        }
    }
}
