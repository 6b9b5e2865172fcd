// Writes .safetensors files in the layout of the reference writer (huggingface/safetensors,
// safetensors/src/tensor.rs `prepare`; output compared with the Python package 0.8.0): tensors
// ordered by dtype (larger elements first) then name, so each is aligned to its element size; the
// JSON header padded with spaces to a multiple of 8 bytes; `__metadata__` first, keys sorted.
// Files are replaced atomically and durably.
import Tensors

public struct SafeTensorsWriter: Sendable {
    /// Stored under `__metadata__` (omitted when empty).
    public var metadata: [String: String]
    private var entries: [Entry] = []
    private var names: Set<String> = []

    private struct Entry: Sendable {
        let name: String
        let dtype: DType
        let shape: [Int]
        let byteCount: Int
        let payload: Payload
    }

    private enum Payload: Sendable {
        /// Float32 values, encoded as the entry's dtype while writing.
        case floats(Tensor)
        /// Little-endian bytes in the entry's dtype.
        case bytes([UInt8])
    }

    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
    }

    // MARK: Adding tensors

    /// Adds a tensor stored as F32, F16 (round to nearest even) or BF16 (round to nearest even).
    public mutating func add(_ name: String, _ tensor: Tensor, as dtype: DType = .float32) throws {
        guard dtype.isLoadableAsFloat else {
            throw SafeTensorsError.invalidTensorForWriting(name: name, reason: "\(dtype.rawValue) cannot hold float weights")
        }
        let byteCount = try checkedByteCount(name, shape: tensor.shape, dtype: dtype)
        try append(Entry(name: name, dtype: dtype, shape: tensor.shape, byteCount: byteCount, payload: .floats(tensor)))
    }

    public mutating func add(_ name: String, float16 values: [Float16], shape: [Int]) throws {
        try add(name, dtype: .float16, shape: shape, bytes: values.withUnsafeBytes { Array($0) })
    }

    /// IEEE binary16 values given as their bit patterns.
    public mutating func add(_ name: String, float16Bits: [UInt16], shape: [Int]) throws {
        try add(name, dtype: .float16, shape: shape, bytes: littleEndianBytes(float16Bits))
    }

    /// bfloat16 values given as their bit patterns.
    public mutating func add(_ name: String, bfloat16Bits: [UInt16], shape: [Int]) throws {
        try add(name, dtype: .bfloat16, shape: shape, bytes: littleEndianBytes(bfloat16Bits))
    }

    /// Integer ids (such as a text encoder's `position_ids`).
    public mutating func add(_ name: String, int64 values: [Int64], shape: [Int]) throws {
        try add(name, dtype: .int64, shape: shape, bytes: littleEndianBytes(values))
    }

    /// Any dtype, from its little-endian bytes.
    public mutating func add(_ name: String, dtype: DType, shape: [Int], bytes: [UInt8]) throws {
        let byteCount = try checkedByteCount(name, shape: shape, dtype: dtype)
        guard byteCount == bytes.count else {
            throw SafeTensorsError.invalidTensorForWriting(
                name: name, reason: "shape \(shape) of \(dtype.rawValue) needs \(byteCount) bytes, got \(bytes.count)")
        }
        try append(Entry(name: name, dtype: dtype, shape: shape, byteCount: byteCount, payload: .bytes(bytes)))
    }

    private mutating func append(_ entry: Entry) throws {
        guard entry.name != SafeTensorsHeader.metadataKey else {
            throw SafeTensorsError.invalidTensorForWriting(name: entry.name, reason: "the name is reserved for metadata")
        }
        guard names.insert(entry.name).inserted else {
            throw SafeTensorsError.invalidTensorForWriting(name: entry.name, reason: "a tensor of that name was already added")
        }
        entries.append(entry)
    }

    private func checkedByteCount(_ name: String, shape: [Int], dtype: DType) throws -> Int {
        var count = dtype.byteSize
        for dimension in shape {
            guard dimension >= 0 else {
                throw SafeTensorsError.invalidTensorForWriting(name: name, reason: "negative dimension in \(shape)")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw SafeTensorsError.invalidTensorForWriting(name: name, reason: "shape \(shape) overflows")
            }
            count = product
        }
        return count
    }

    private func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }

    // MARK: Output

    /// The whole file in memory (for small files and tests).
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        emit { output.append(contentsOf: $0) }
        return output
    }

    /// Writes the file to `path`: into a temporary file in the same folder, flushed to disk, then
    /// renamed over `path`, and the folder flushed, so readers see the old file or the whole new one.
    public func write(to path: String) throws {
        let folder = FilePaths.directory(of: path)
        let temporary = FilePaths.join(
            folder, ".\(FilePaths.lastComponent(of: path)).\(POSIX.processID())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = try POSIX.createExclusive(path: temporary)
        var isOpen = true
        do {
            var failure: Error?
            emit { chunk in
                guard failure == nil else { return }
                do { try POSIX.writeAll(fd: fd, chunk, path: temporary) } catch { failure = error }
            }
            if let failure { throw failure }
            try POSIX.sync(fd: fd, path: temporary)
            isOpen = false
            try POSIX.closeFile(fd: fd, path: temporary)
            try POSIX.renameItem(from: temporary, to: path)
        } catch {
            if isOpen { try? POSIX.closeFile(fd: fd, path: temporary) }
            POSIX.removeFile(temporary)
            throw error
        }
        try POSIX.syncDirectory(path: folder)
    }

    /// Produces the file as a sequence of byte chunks.
    private func emit(_ sink: (UnsafeRawBufferPointer) -> Void) {
        let ordered = entries.sorted {
            $0.dtype.writeRank != $1.dtype.writeRank
                ? $0.dtype.writeRank < $1.dtype.writeRank
                : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
        }
        var header = Array(headerJSON(ordered).utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { sink($0) }
        header.withUnsafeBytes { sink($0) }
        for entry in ordered {
            switch entry.payload {
            case .bytes(let bytes):
                bytes.withUnsafeBytes { sink($0) }
            case .floats(let tensor):
                tensor.withUnsafeBufferPointer { Self.emitFloats($0, as: entry.dtype, into: sink) }
            }
        }
    }

    /// Encodes Float32 values as `dtype` through a bounded scratch buffer.
    private static func emitFloats(_ values: UnsafeBufferPointer<Float>, as dtype: DType,
                                   into sink: (UnsafeRawBufferPointer) -> Void) {
        guard let base = values.baseAddress else { return }
        if dtype == .float32 {
            sink(UnsafeRawBufferPointer(values))
            return
        }
        let chunk = 1 << 16
        var scratch = [UInt8](repeating: 0, count: min(values.count, chunk) * 2)
        var start = 0
        while start < values.count {
            let count = min(chunk, values.count - start)
            scratch.withUnsafeMutableBytes { buffer in
                guard let output = buffer.baseAddress else { return }
                if dtype == .float16 {
                    HalfConversion.narrowToFloat16(base + start, count: count, into: output)
                } else {
                    HalfConversion.narrowToBFloat16(base + start, count: count, into: output)
                }
                sink(UnsafeRawBufferPointer(rebasing: buffer[0..<(count * 2)]))
            }
            start += count
        }
    }

    private func headerJSON(_ ordered: [Entry]) -> String {
        var members: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
                "\(Self.quoted($0)):\(Self.quoted(metadata[$0] ?? ""))"
            }
            members.append("\(Self.quoted(SafeTensorsHeader.metadataKey)):{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for entry in ordered {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            members.append("\(Self.quoted(entry.name)):{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],"
                           + "\"data_offsets\":[\(offset),\(offset + entry.byteCount)]}")
            offset += entry.byteCount
        }
        return "{\(members.joined(separator: ","))}"
    }

    /// A JSON string literal; non-ASCII text stays raw UTF-8, as the reference writes it.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case ..<" ":
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
