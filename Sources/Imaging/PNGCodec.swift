/// PNG encoding and decoding in memory.
public enum PNGCodec {
    /// Encodes `image` as an 8-bit RGB PNG with `text` chunks written before the image data.
    /// `compressionLevel` is zlib's, 0 (none) to 9 (smallest).
    public static func encode(_ image: RGBImage, text: [PNGTextChunk] = [], compressionLevel: Int = 6,
                              name: String = "the image") throws -> [UInt8] {
        let limits = PNGReadLimits.default
        if text.count > limits.maxTextChunks {
            throw ImagingError.invalidTextValue(
                keyword: text[limits.maxTextChunks].keyword,
                reason: "\(text.count) text chunks are more than the \(limits.maxTextChunks) a reader keeps")
        }
        let encoded = try text.map { try $0.encoded(maxTextBytes: limits.maxTextBytes) }
        return try LibPNG.encodeRGB8(pixels: image.pixels, width: image.width, height: image.height, text: encoded,
                                     compressionLevel: min(max(compressionLevel, 0), 9), path: name)
    }

    /// Decodes a PNG of any colour type and bit depth to 8-bit RGB (16-bit samples keep their high
    /// byte, as Pillow does for RGB; alpha and transparency are dropped, as Pillow's
    /// `convert("RGB")` does), with its text chunks. `name` is used in error messages.
    public static func decode(_ bytes: [UInt8], limits: PNGReadLimits = .default,
                              name: String = "the PNG data") throws -> PNGDecodedImage {
        try bytes.withUnsafeBytes { buffer in
            var log = WarningLog()
            let ranges = try PNGReadPlan.decodeRanges(MemoryByteSource(buffer: buffer), limits: limits, path: name, log: &log)
            let result = try LibPNG.read(buffer, ranges: ranges, limits: limits, decodePixels: true, path: name)
            let metadata = makeMetadata(result, limits: limits, log: &log)
            guard let pixels = result.pixels else {
                throw ImagingError.corruptPNG(path: name, detail: "no pixels were decoded")
            }
            let image = try RGBImage(width: result.header.width, height: result.header.height, pixels: pixels)
            return PNGDecodedImage(image: image, metadata: metadata)
        }
    }

    /// Reads header and text chunks without decoding pixels. The size limits do not apply here,
    /// so that the header of any PNG can be shown; the text limits do.
    public static func readMetadata(_ bytes: [UInt8], limits: PNGReadLimits = .default,
                                    name: String = "the PNG data") throws -> PNGMetadata {
        try bytes.withUnsafeBytes { buffer in
            try readMetadata(MemoryByteSource(buffer: buffer), limits: limits, name: name)
        }
    }

    static func readMetadata(_ source: some PNGByteSource, limits: PNGReadLimits, name: String) throws -> PNGMetadata {
        var log = WarningLog()
        let stream = try PNGReadPlan.metadataStream(source, limits: limits, path: name, log: &log)
        var headerLimits = limits
        headerLimits.maxWidth = 0x7FFF_FFFF
        headerLimits.maxHeight = 0x7FFF_FFFF
        let result = try stream.withUnsafeBytes { buffer in
            try LibPNG.read(buffer, ranges: [0..<buffer.count], limits: headerLimits, decodePixels: false, path: name)
        }
        return makeMetadata(result, limits: limits, log: &log)
    }

    private static func makeMetadata(_ result: LibPNGReadResult, limits: PNGReadLimits, log: inout WarningLog) -> PNGMetadata {
        log.add(contentsOf: result.warnings)
        let text = result.text.compactMap { PNGTextChunk.decoded(from: $0, limits: limits, log: &log) }
        return PNGMetadata(header: result.header, text: text, warnings: log.messages)
    }
}
