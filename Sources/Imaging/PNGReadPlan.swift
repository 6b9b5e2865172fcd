/// Decides which chunks of a PNG libpng gets to see. Text chunks beyond the limits are left out
/// here (libpng would reject an over-long chunk outright), and so are the ancillary chunks this
/// module does not use (colour profiles, EXIF, animation...), which decoding to RGB ignores anyway.
enum PNGReadPlan {
    /// The byte ranges to decode the image: signature, critical chunks, and text chunks within
    /// the limits. Throws when the image is larger than the limits or the file is cut short.
    static func decodeRanges(_ source: MemoryByteSource, limits: PNGReadLimits, path: String,
                             log: inout WarningLog) throws -> [Range<Int>] {
        var ranges: [Range<Int>] = [0..<PNGChunkWalker.signature.count]
        var budget = TextChunkBudget(limits: limits)
        var sawHeader = false
        let ending = try PNGChunkWalker.walk(source, path: path) { chunk in
            if !sawHeader {
                let (width, height) = try imageHeaderSize(chunk, source: source, path: path)
                guard limits.accepts(width: width, height: height) else {
                    throw ImagingError.imageTooLarge(path: path, width: width, height: height, limits: limits)
                }
                sawHeader = true
            }
            let keep = chunk.isCritical || (chunk.isText && budget.admit(chunk, log: &log))
            guard keep else { return }
            if let last = ranges.last, last.upperBound == chunk.offset {
                ranges[ranges.count - 1] = last.lowerBound..<chunk.end
            } else {
                ranges.append(chunk.range)
            }
        }
        switch ending {
        case .iend: return ranges
        case .endOfData: throw ImagingError.truncatedPNG(path: path, detail: "the file ends before the IEND chunk")
        case let .truncated(detail): throw ImagingError.truncatedPNG(path: path, detail: detail)
        }
    }

    /// A small PNG stream holding only the header, palette and text chunks (within the limits)
    /// followed by the header of an empty IDAT chunk, at which libpng stops reading. Text after the
    /// image data is included, and the image data itself is never read.
    static func metadataStream(_ source: some PNGByteSource, limits: PNGReadLimits, path: String,
                               log: inout WarningLog) throws -> [UInt8] {
        var stream = PNGChunkWalker.signature
        var budget = TextChunkBudget(limits: limits)
        var sawHeader = false
        var sawPalette = false
        let ending = try PNGChunkWalker.walk(source, path: path) { chunk in
            let keep: Bool
            if !sawHeader {
                _ = try imageHeaderSize(chunk, source: source, path: path)
                sawHeader = true
                keep = true
            } else if chunk.type == "PLTE" && !sawPalette && chunk.dataLength <= 768 {
                sawPalette = true
                keep = true
            } else {
                keep = chunk.isText && budget.admit(chunk, log: &log)
            }
            if keep {
                stream += try source.bytes(at: chunk.offset, length: chunk.end - chunk.offset)
            }
        }
        switch ending {
        case .iend: break
        case .endOfData: log.add("the file ends before the IEND chunk")
        case let .truncated(detail): log.add("the file is cut short: \(detail)")
        }
        guard sawHeader else {
            throw ImagingError.truncatedPNG(path: path, detail: "the file ends before the IHDR chunk")
        }
        stream += [0, 0, 0, 0] + Array("IDAT".utf8)
        return stream
    }

    /// Width and height from the IHDR chunk, which must come first.
    private static func imageHeaderSize(_ chunk: PNGChunkWalker.Chunk, source: some PNGByteSource,
                                        path: String) throws -> (width: Int, height: Int) {
        guard chunk.type == "IHDR", chunk.dataLength == 13 else {
            throw ImagingError.corruptPNG(path: path, detail: "the first chunk is \(chunk.type), not a 13-byte IHDR")
        }
        let data = try source.bytes(at: chunk.dataOffset, length: 8)
        let width = data[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = data[4..<8].reduce(0) { $0 << 8 | Int($1) }
        return (width, height)
    }
}

/// Counts the text chunks handed to libpng and leaves out those beyond the limits.
struct TextChunkBudget {
    let limits: PNGReadLimits
    private(set) var admitted = 0

    init(limits: PNGReadLimits) {
        self.limits = limits
    }

    mutating func admit(_ chunk: PNGChunkWalker.Chunk, log: inout WarningLog) -> Bool {
        guard admitted < limits.maxTextChunks else {
            log.add("skipped the \(chunk.type) chunk at byte \(chunk.offset): more than \(limits.maxTextChunks) text chunks")
            return false
        }
        guard chunk.dataLength <= limits.maxTextChunkBytes else {
            log.add("skipped the \(chunk.type) chunk at byte \(chunk.offset): its \(chunk.dataLength) bytes exceed "
                + "the \(limits.maxTextBytes)-byte text limit")
            return false
        }
        admitted += 1
        return true
    }
}
