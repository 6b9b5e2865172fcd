// Building hostile inputs in code: safetensors files from a raw header and data section, PNG files
// from raw chunks, scratch folders, and the name of the error case a failure carried.
import Foundation

enum HostileFiles {
    /// A fresh folder under the temporary directory.
    static func scratchFolder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sdxl-robust-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A safetensors file: the 8-byte little-endian `declaredLength` (the header's real length when
    /// nil), the header bytes, then `data`.
    static func safeTensors(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
        safeTensors(headerBytes: Array(header.utf8), data: data, declaredLength: declaredLength)
    }

    static func safeTensors(headerBytes: [UInt8], data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
        let length = declaredLength ?? UInt64(headerBytes.count)
        return withUnsafeBytes(of: length.littleEndian) { Array($0) } + headerBytes + data
    }

    /// A well-formed safetensors file holding one F32 scalar-vector `[1]` per name.
    static func checkpoint(names: [String]) -> [UInt8] {
        var entries: [String] = []
        for (index, name) in names.enumerated() {
            entries.append("\"\(name)\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[\(index * 4),\(index * 4 + 4)]}")
        }
        return safeTensors(header: "{" + entries.joined(separator: ",") + "}",
                           data: [UInt8](repeating: 0, count: names.count * 4))
    }

    // MARK: PNG chunks

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// One chunk: length, type, data, CRC-32 of type and data.
    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let length = UInt32(data.count).bigEndian
        let crc = CRC32.checksum(typeBytes + data).bigEndian
        return withUnsafeBytes(of: length) { Array($0) } + typeBytes + data + withUnsafeBytes(of: crc) { Array($0) }
    }

    static func ihdr(width: UInt32, height: UInt32, bitDepth: UInt8 = 8, colorType: UInt8 = 2) -> [UInt8] {
        pngChunk("IHDR", withUnsafeBytes(of: width.bigEndian) { Array($0) } + withUnsafeBytes(of: height.bigEndian) { Array($0) }
                 + [bitDepth, colorType, 0, 0, 0])
    }

    /// A zlib stream of stored (uncompressed) deflate blocks.
    static func zlibStored(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65535, payload.count - offset)
            let final: UInt8 = offset + count == payload.count ? 1 : 0
            out += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += payload[offset..<(offset + count)]
            offset += count
        } while offset < payload.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in payload { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return out + withUnsafeBytes(of: ((b << 16) | a).bigEndian) { Array($0) }
    }

    /// A complete 1×1 RGB PNG with the given extra chunks between IHDR and IDAT.
    static func png(width: UInt32 = 1, height: UInt32 = 1, extraChunks: [[UInt8]] = []) -> [UInt8] {
        let row: [UInt8] = [0] + [UInt8](repeating: 128, count: Int(width) * 3)
        let raw = Array((0..<Int(height)).map { _ in row }.joined())
        return pngSignature + ihdr(width: width, height: height) + Array(extraChunks.joined())
            + pngChunk("IDAT", zlibStored(raw)) + pngChunk("IEND", [])
    }

    static func tEXt(_ keyword: String, _ text: [UInt8]) -> [UInt8] {
        pngChunk("tEXt", Array(keyword.utf8) + [0] + text)
    }

    /// The case name of an error enum value (`truncated` for `.truncated(path:…)`).
    static func caseName(_ error: any Error) -> String {
        let mirror = Mirror(reflecting: error)
        if let label = mirror.children.first?.label { return label }
        return String(describing: error)
    }
}

/// CRC-32 (ISO 3309), as PNG chunks use it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

/// Runs `body` on its own thread and reports whether it finished within `seconds`; a body that
/// blocks (for example by opening a FIFO) is left behind rather than hanging the test run.
func finishes(within seconds: Double, _ body: @escaping @Sendable () -> Void) -> Bool {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        body()
        done.signal()
    }
    return done.wait(timeout: .now() + seconds) == .success
}

/// A zlib stream that inflates `count` copies of one byte from a few bits per 258 bytes: one fixed-
/// Huffman deflate block (RFC 1951 §3.2.6) holding a literal and then length-258, distance-1 copies.
enum DeflateBomb {
    static func zlib(repeating byte: UInt8, count: Int) -> [UInt8] {
        precondition(byte < 144 && count >= 1)
        var writer = BitWriter()
        writer.write(1, bits: 1)                          // BFINAL
        writer.write(1, bits: 2)                          // BTYPE = 01, fixed Huffman
        writer.writeCode(0x30 + UInt32(byte), bits: 8)    // the literal
        var remaining = count - 1
        while remaining >= 258 {
            writer.writeCode(0xC5, bits: 8)               // length code 285: 258 bytes
            writer.writeCode(0, bits: 5)                  // distance code 0: distance 1
            remaining -= 258
        }
        for _ in 0..<remaining { writer.writeCode(0x30 + UInt32(byte), bits: 8) }
        writer.writeCode(0, bits: 7)                      // end of block
        let n = UInt64(count), value = UInt64(byte), modulus: UInt64 = 65521
        let a = (1 + value * n) % modulus
        let b = (n % modulus + value % modulus * ((n * (n + 1) / 2) % modulus)) % modulus
        let adler = UInt32((b << 16) | a)
        return [0x78, 0x01] + writer.finished + withUnsafeBytes(of: adler.bigEndian) { Array($0) }
    }

    struct BitWriter {
        var bytes: [UInt8] = []
        var current: UInt32 = 0
        var used = 0

        /// Writes `bits` bits of `value`, least significant first (header fields, extra bits).
        mutating func write(_ value: UInt32, bits: Int) {
            for index in 0..<bits { push((value >> UInt32(index)) & 1) }
        }

        /// Writes a Huffman code, most significant bit first.
        mutating func writeCode(_ code: UInt32, bits: Int) {
            for index in stride(from: bits - 1, through: 0, by: -1) { push((code >> UInt32(index)) & 1) }
        }

        private mutating func push(_ bit: UInt32) {
            current |= bit << UInt32(used)
            used += 1
            if used == 8 { bytes.append(UInt8(current)); current = 0; used = 0 }
        }

        var finished: [UInt8] { used > 0 ? bytes + [UInt8(current)] : bytes }
    }
}
