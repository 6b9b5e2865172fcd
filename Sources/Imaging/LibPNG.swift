// The one file that talks to libpng (through the setjmp-owning wrappers in CPNG/shim.h).
import CPNG

/// A text chunk as libpng hands it over: raw bytes, decoded elsewhere.
struct RawTextChunk {
    var keyword: [UInt8]
    var text: [UInt8]
    /// libpng's compression field: -1 tEXt, 0 zTXt, 1 iTXt, 2 compressed iTXt.
    var compression: Int32
    var languageTag: [UInt8]
    var translatedKeyword: [UInt8]
}

/// What libpng read from a stream.
struct LibPNGReadResult {
    var header: PNGHeader
    var pixels: [UInt8]?
    var text: [RawTextChunk]
    var warnings: [String]
}

enum LibPNG {
    /// Encodes 8-bit RGB pixels with text chunks placed before the image data.
    static func encodeRGB8(pixels: [UInt8], width: Int, height: Int, text: [EncodedTextChunk],
                           compressionLevel: Int, path: String) throws -> [UInt8] {
        guard let pngWidth = png_uint_32(exactly: width), let pngHeight = png_uint_32(exactly: height),
              width <= 0x7FFF_FFFF, height <= 0x7FFF_FFFF, pixels.count == width * height * 3 else {
            throw ImagingError.encodeFailed(path: path, detail: "size \(width)x\(height) cannot be stored in a PNG")
        }
        // C strings that live until encoding ends.
        var allocations: [UnsafeMutablePointer<CChar>] = []
        defer { allocations.forEach { $0.deallocate() } }
        func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            allocations.append(pointer)
            return pointer
        }
        var entries: [png_text] = text.map { chunk in
            var entry = png_text()
            switch chunk.kind {
            case .tEXt: entry.compression = PNG_TEXT_COMPRESSION_NONE
            case .zTXt: entry.compression = PNG_TEXT_COMPRESSION_zTXt
            case let .iTXt(compressed): entry.compression = compressed ? PNG_ITXT_COMPRESSION_zTXt : PNG_ITXT_COMPRESSION_NONE
            }
            entry.key = cString(chunk.keyword)
            entry.text = cString(chunk.text)
            entry.text_length = chunk.text.count
            if case .iTXt = chunk.kind {
                entry.lang = cString(chunk.languageTag)
                entry.lang_key = cString(chunk.translatedKeyword)
            }
            return entry
        }
        var output = sdxl_png_output()
        defer { sdxl_png_output_release(&output) }
        let status = pixels.withUnsafeBufferPointer { pixelBytes in
            entries.withUnsafeMutableBufferPointer { textEntries in
                sdxl_png_encode_rgb8(pixelBytes.baseAddress, pngWidth, pngHeight, textEntries.baseAddress,
                                     Int32(textEntries.count), Int32(compressionLevel), &output)
            }
        }
        guard status == 0, let bytes = output.bytes else {
            let detail = String(cString: sdxl_png_messages_error(sdxl_png_output_messages(&output)))
            throw ImagingError.encodeFailed(path: path, detail: detail.isEmpty ? "libpng failed" : detail)
        }
        return Array(UnsafeBufferPointer(start: bytes, count: output.length))
    }

    /// Reads the PNG stream made of `ranges` of `bytes` (a plan that left out what libpng need not
    /// see). With `decodePixels` false, the stream must end at an IDAT chunk header and only the
    /// header and text are read.
    static func read(_ bytes: UnsafeRawBufferPointer, ranges: [Range<Int>], limits: PNGReadLimits,
                     decodePixels: Bool, path: String) throws -> LibPNGReadResult {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw ImagingError.truncatedPNG(path: path, detail: "the file is empty")
        }
        let segments = ranges.map { sdxl_png_segment(bytes: base + $0.lowerBound, length: $0.count) }
        return try segments.withUnsafeBufferPointer { segmentList in
            guard let reader = sdxl_png_reader_create(
                segmentList.baseAddress, segmentList.count,
                png_uint_32(clamping: limits.maxWidth), png_uint_32(clamping: limits.maxHeight),
                png_uint_32(clamping: limits.maxTextChunks), png_alloc_size_t(clamping: limits.maxTextChunkBytes))
            else {
                throw ImagingError.readFailed(path: path, reason: "out of memory creating the PNG reader")
            }
            defer { sdxl_png_reader_destroy(reader) }

            var cHeader = sdxl_png_header()
            guard sdxl_png_reader_read_info(reader, &cHeader) == 0 else {
                throw error(from: reader, path: path)
            }
            guard let colorType = PNGColorType(rawValue: Int(cHeader.color_type)) else {
                throw ImagingError.corruptPNG(path: path, detail: "unknown colour type \(cHeader.color_type)")
            }
            let header = PNGHeader(width: Int(cHeader.width), height: Int(cHeader.height), bitDepth: Int(cHeader.bit_depth),
                                   colorType: colorType, interlaced: cHeader.interlace_type != PNG_INTERLACE_NONE)
            var pixels: [UInt8]?
            if decodePixels {
                guard limits.accepts(width: header.width, height: header.height) else {
                    throw ImagingError.imageTooLarge(path: path, width: header.width, height: header.height, limits: limits)
                }
                let count = header.width * header.height * 3
                var status: Int32 = 0
                pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                    status = sdxl_png_reader_read_rgb8(reader, buffer.baseAddress, count)
                    initialized = count
                }
                guard status == 0 else { throw error(from: reader, path: path) }
            }
            return LibPNGReadResult(header: header, pixels: pixels, text: texts(of: reader), warnings: warnings(of: reader))
        }
    }

    private static func texts(of reader: UnsafeMutablePointer<sdxl_png_reader>) -> [RawTextChunk] {
        let count = Int(sdxl_png_reader_text_count(reader))
        var chunks: [RawTextChunk] = []
        for index in 0..<count {
            var view = sdxl_png_text_view()
            guard sdxl_png_reader_text_at(reader, Int32(index), &view) == 0 else { continue }
            chunks.append(RawTextChunk(
                keyword: cBytes(view.keyword, count: nil),
                text: cBytes(view.text, count: view.text_length),
                compression: view.compression,
                languageTag: cBytes(view.language, count: nil),
                translatedKeyword: cBytes(view.translated_keyword, count: nil)))
        }
        return chunks
    }

    private static func cBytes(_ pointer: UnsafePointer<CChar>?, count: Int?) -> [UInt8] {
        guard let pointer else { return [] }
        let length = count ?? strlen(pointer)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    private static func warnings(of reader: UnsafeMutablePointer<sdxl_png_reader>) -> [String] {
        let messages = sdxl_png_reader_messages(reader)
        let total = sdxl_png_messages_warning_count(messages)
        var warnings: [String] = []
        for index in 0..<total {
            guard let message = sdxl_png_messages_warning(messages, index) else { break }
            warnings.append("libpng: " + explained(String(cString: message)))
        }
        if total > UInt32(warnings.count) {
            warnings.append("libpng: \(Int(total) - warnings.count) more warnings")
        }
        return warnings
    }

    /// libpng's terse warnings, with what they mean here.
    private static func explained(_ message: String) -> String {
        if (message.hasPrefix("zTXt") || message.hasPrefix("iTXt")) && message.hasSuffix("truncated") {
            return message + " (skipped: the text inflates past the text limit or its compressed data ends early)"
        }
        if message.hasSuffix("CRC error") {
            return message + " (skipped: the chunk is damaged)"
        }
        return message
    }

    private static func error(from reader: UnsafeMutablePointer<sdxl_png_reader>, path: String) -> ImagingError {
        let message = String(cString: sdxl_png_messages_error(sdxl_png_reader_messages(reader)))
        if message == "unexpected end of data" || message.contains("Not enough image data") {
            return .truncatedPNG(path: path, detail: message)
        }
        if message.contains("Not a PNG file") {
            return .notPNG(path: path)
        }
        return .corruptPNG(path: path, detail: message.isEmpty ? "libpng failed without a message" : message)
    }
}
