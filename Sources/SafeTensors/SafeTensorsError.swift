// Everything that can go wrong while reading or writing safetensors files and sharded indexes.
// Each case names the file (and tensor, key or shape where there is one); `description` is one line
// that also says what to do about it.

public enum SafeTensorsError: Error, CustomStringConvertible, Equatable, Sendable {
    // Opening and writing files.
    case cannotOpen(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    // The length prefix and the header bytes.
    case truncated(path: String, needed: UInt64, size: UInt64)
    case headerTooLarge(path: String, length: UInt64)
    case headerNotUTF8(path: String, byteOffset: Int)
    case invalidJSON(path: String, reason: String)
    case duplicateKey(path: String, key: String, enclosingKey: String?)

    // Tensor entries and the data section.
    case invalidTensorEntry(path: String, tensor: String, reason: String)
    case unknownDtype(path: String, tensor: String, dtype: String)
    case shapeOverflow(path: String, tensor: String, shape: [Int])
    case shapeSizeMismatch(path: String, tensor: String, dtype: String, shape: [Int], byteCount: Int)
    case overlappingOffsets(path: String, tensor: String, other: String)
    case gapInData(path: String, start: Int, end: Int)
    case trailingBytes(path: String, count: Int)
    case metadataNotStringMap(path: String, reason: String)

    // Reading tensors.
    case missingTensor(path: String, name: String)
    case notFloatTensor(path: String, tensor: String, dtype: String)
    case destinationSizeMismatch(path: String, tensor: String, expected: Int, actual: Int)

    // Sharded checkpoints and weight file lookup.
    case invalidIndex(path: String, reason: String)
    case unsafeShardPath(index: String, shard: String, reason: String)
    case missingShard(index: String, shard: String)
    case weightsNotFound(folder: String, baseName: String, tried: [String])

    // Writing.
    case invalidTensorForWriting(name: String, reason: String)

    public var description: String {
        let fix = "re-download or re-export the file"
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open (\(reason)); check the path and its permissions"
        case let .cannotWrite(path, reason):
            return "\(path): cannot write (\(reason)); check free space and folder permissions"
        case let .truncated(path, needed, size):
            return "\(path): file is incomplete (\(size) bytes, its header needs \(needed)); \(fix)"
        case let .headerTooLarge(path, length):
            return "\(path): header length \(length) exceeds the 100000000-byte limit, "
                + "so this is not a safetensors file or it is corrupt; \(fix)"
        case let .headerNotUTF8(path, byteOffset):
            return "\(path): header is not valid UTF-8 (at header byte \(byteOffset)); \(fix)"
        case let .invalidJSON(path, reason):
            return "\(path): header is not valid safetensors JSON (\(reason)); \(fix)"
        case let .duplicateKey(path, key, enclosingKey):
            let place = enclosingKey.map { " inside \"\($0)\"" } ?? " at the top level"
            return "\(path): header has the key \"\(key)\" twice\(place), which makes it ambiguous; \(fix)"
        case let .invalidTensorEntry(path, tensor, reason):
            return "\(path): entry for tensor \"\(tensor)\" is invalid (\(reason)); \(fix)"
        case let .unknownDtype(path, tensor, dtype):
            return "\(path): tensor \"\(tensor)\" has unsupported dtype \"\(dtype)\"; "
                + "re-export the file with F32, F16 or BF16 weights"
        case let .shapeOverflow(path, tensor, shape):
            return "\(path): tensor \"\(tensor)\" has shape \(shape) whose size overflows; \(fix)"
        case let .shapeSizeMismatch(path, tensor, dtype, shape, byteCount):
            return "\(path): tensor \"\(tensor)\" (\(dtype), shape \(shape)) spans \(byteCount) bytes, "
                + "which does not match its shape; \(fix)"
        case let .overlappingOffsets(path, tensor, other):
            return "\(path): data of tensor \"\(tensor)\" overlaps tensor \"\(other)\"; \(fix)"
        case let .gapInData(path, start, end):
            return "\(path): data bytes \(start)..<\(end) belong to no tensor; \(fix)"
        case let .trailingBytes(path, count):
            return "\(path): \(count) bytes after the last tensor belong to no tensor; \(fix)"
        case let .metadataNotStringMap(path, reason):
            return "\(path): \"__metadata__\" must map strings to strings (\(reason)); \(fix)"
        case let .missingTensor(path, name):
            return "\(path): has no tensor \"\(name)\"; check that the file belongs to this model"
        case let .notFloatTensor(path, tensor, dtype):
            return "\(path): tensor \"\(tensor)\" is \(dtype), not a floating-point weight; "
                + "read it as raw bytes or re-export it as F32, F16 or BF16"
        case let .destinationSizeMismatch(path, tensor, expected, actual):
            return "\(path): tensor \"\(tensor)\" has \(expected) values but the destination holds "
                + "\(actual); pass a buffer of the tensor's size"
        case let .invalidIndex(path, reason):
            return "\(path): sharded checkpoint index is invalid (\(reason)); \(fix)"
        case let .unsafeShardPath(index, shard, reason):
            return "\(index): shard \"\(shard)\" is refused (\(reason)); "
                + "shards must be files inside the checkpoint folder, so fix or re-download the index"
        case let .missingShard(index, shard):
            return "\(index): shard \"\(shard)\" is missing or not a regular file; "
                + "download every shard listed in the index"
        case let .weightsNotFound(folder, baseName, tried):
            return "\(folder): no \(baseName) weights found (tried \(tried.joined(separator: ", "))); "
                + "check the model folder or download its weights"
        case let .invalidTensorForWriting(name, reason):
            return "cannot write tensor \"\(name)\" (\(reason)); fix the tensor before saving"
        }
    }
}
