// Validation of a safetensors file's length prefix and JSON header, following the reference
// implementation (huggingface/safetensors, safetensors/src/tensor.rs; behaviour checked against the
// Python package 0.8.0): an 8-byte little-endian header length, a UTF-8 JSON object, then the data
// section. Nothing from the header is trusted (used to size an allocation or to address memory)
// before it is checked here.

struct SafeTensorsHeader {
    /// The reference implementation's limit on the header length.
    static let maxHeaderLength: UInt64 = 100_000_000
    static let metadataKey = "__metadata__"

    /// All tensors, ordered by their position in the data section.
    let tensors: [TensorInfo]
    let metadata: [String: String]
    /// Offset of the data section in the file.
    let dataStart: Int

    init(fileBytes: UnsafeRawBufferPointer, path: String) throws {
        let fileSize = UInt64(fileBytes.count)
        guard fileBytes.count >= 8 else { throw SafeTensorsError.truncated(path: path, needed: 8, size: fileSize) }
        let headerLength = UInt64(littleEndian: fileBytes.loadUnaligned(as: UInt64.self))
        guard headerLength <= Self.maxHeaderLength else {
            throw SafeTensorsError.headerTooLarge(path: path, length: headerLength)
        }
        // headerLength <= 1e8, so this sum cannot overflow.
        guard 8 + headerLength <= fileSize else {
            throw SafeTensorsError.truncated(path: path, needed: 8 + headerLength, size: fileSize)
        }
        dataStart = 8 + Int(headerLength)
        let headerBytes = UnsafeRawBufferPointer(rebasing: fileBytes[8..<dataStart])

        if let offset = UTF8Validation.firstInvalidOffset(in: headerBytes) {
            throw SafeTensorsError.headerNotUTF8(path: path, byteOffset: offset)
        }
        let root: JSONValue
        do {
            root = try StrictJSONParser.parse(headerBytes)
        } catch .syntax(let reason) {
            throw SafeTensorsError.invalidJSON(path: path, reason: reason)
        } catch .duplicateKey(let key, let enclosingKey) {
            throw SafeTensorsError.duplicateKey(path: path, key: key, enclosingKey: enclosingKey)
        }
        guard case .object(let entries) = root else {
            throw SafeTensorsError.invalidJSON(path: path, reason: "the header is \(root.kindName), not an object")
        }

        var metadata: [String: String] = [:]
        var tensors: [TensorInfo] = []
        tensors.reserveCapacity(entries.members.count)
        for member in entries.members {
            let (key, value) = (member.key, member.value)
            if key == Self.metadataKey {
                metadata = try Self.parseMetadata(value, path: path)
            } else {
                tensors.append(try Self.parseEntry(name: key, value, path: path))
            }
        }
        self.metadata = metadata
        self.tensors = try Self.checkLayout(tensors, dataSize: fileBytes.count - dataStart,
                                            dataStart: dataStart, path: path)
    }

    private static func parseMetadata(_ value: JSONValue, path: String) throws -> [String: String] {
        guard case .object(let object) = value else {
            throw SafeTensorsError.metadataNotStringMap(path: path, reason: "it is \(value.kindName)")
        }
        var metadata: [String: String] = [:]
        for member in object.members {
            let (key, item) = (member.key, member.value)
            guard case .string(let text) = item else {
                throw SafeTensorsError.metadataNotStringMap(path: path, reason: "\"\(key)\" is \(item.kindName)")
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func parseEntry(name: String, _ value: JSONValue, path: String) throws -> TensorInfo {
        func invalid(_ reason: String) -> SafeTensorsError {
            .invalidTensorEntry(path: path, tensor: name, reason: reason)
        }
        guard case .object(let entry) = value else {
            throw invalid("it is \(value.kindName), not an object with dtype, shape and data_offsets")
        }
        for key in entry.members.map(\.key) where !["dtype", "shape", "data_offsets"].contains(key) {
            throw invalid("unexpected key \"\(key)\"")
        }
        guard case .string(let dtypeName)? = entry["dtype"] else { throw invalid("\"dtype\" must be a string") }
        guard let dtype = DType(rawValue: dtypeName) else {
            throw SafeTensorsError.unknownDtype(path: path, tensor: name, dtype: dtypeName)
        }
        guard let shape = nonNegativeIntegers(entry["shape"]) else {
            throw invalid("\"shape\" must be an array of non-negative integers")
        }
        guard let offsets = nonNegativeIntegers(entry["data_offsets"]), offsets.count == 2 else {
            throw invalid("\"data_offsets\" must be two non-negative integers [begin, end]")
        }
        guard offsets[0] <= offsets[1] else {
            throw invalid("\"data_offsets\" end \(offsets[1]) is before begin \(offsets[0])")
        }
        var elementCount = 1
        for dimension in shape {
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw SafeTensorsError.shapeOverflow(path: path, tensor: name, shape: shape) }
            elementCount = product
        }
        let (byteCount, overflow) = elementCount.multipliedReportingOverflow(by: dtype.byteSize)
        guard !overflow else { throw SafeTensorsError.shapeOverflow(path: path, tensor: name, shape: shape) }
        guard byteCount == offsets[1] - offsets[0] else {
            throw SafeTensorsError.shapeSizeMismatch(path: path, tensor: name, dtype: dtypeName, shape: shape,
                                                     byteCount: offsets[1] - offsets[0])
        }
        return TensorInfo(name: name, dtype: dtype, shape: shape, elementCount: elementCount,
                          dataOffsets: offsets[0]..<offsets[1])
    }

    private static func nonNegativeIntegers(_ value: JSONValue?) -> [Int]? {
        guard case .array(let items)? = value else { return nil }
        var numbers: [Int] = []
        numbers.reserveCapacity(items.count)
        for item in items {
            guard case .integer(let number) = item, number >= 0 else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    /// Sorts tensors by position and checks that they tile the data section exactly:
    /// no overlap, no gap, nothing after the last tensor, nothing beyond the end of the file.
    private static func checkLayout(_ tensors: [TensorInfo], dataSize: Int, dataStart: Int,
                                    path: String) throws -> [TensorInfo] {
        let sorted = tensors.sorted {
            ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound) < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound)
        }
        var end = 0
        var previous: TensorInfo?
        for tensor in sorted {
            if tensor.dataOffsets.lowerBound < end, let previous {
                throw SafeTensorsError.overlappingOffsets(path: path, tensor: tensor.name, other: previous.name)
            }
            if tensor.dataOffsets.lowerBound > end {
                throw SafeTensorsError.gapInData(path: path, start: end, end: tensor.dataOffsets.lowerBound)
            }
            end = tensor.dataOffsets.upperBound
            previous = tensor
        }
        if end > dataSize {
            // dataStart <= 8 + 1e8, so the sum cannot overflow.
            throw SafeTensorsError.truncated(path: path, needed: UInt64(dataStart) + UInt64(end),
                                             size: UInt64(dataStart + dataSize))
        }
        if end < dataSize {
            throw SafeTensorsError.trailingBytes(path: path, count: dataSize - end)
        }
        return sorted
    }
}
