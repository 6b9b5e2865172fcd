// Element types of the safetensors format (the names used in the header's "dtype" field).

public enum DType: String, Sendable, CaseIterable, Hashable {
    case float32 = "F32"
    case float16 = "F16"
    case bfloat16 = "BF16"
    case float64 = "F64"
    case float8E4M3 = "F8_E4M3"
    case float8E5M2 = "F8_E5M2"
    case float8E8M0 = "F8_E8M0"
    case complex64 = "C64"
    case int64 = "I64"
    case int32 = "I32"
    case int16 = "I16"
    case int8 = "I8"
    case uint64 = "U64"
    case uint32 = "U32"
    case uint16 = "U16"
    case uint8 = "U8"
    case bool = "BOOL"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .float64, .complex64, .int64, .uint64: 8
        case .float32, .int32, .uint32: 4
        case .float16, .bfloat16, .int16, .uint16: 2
        case .float8E4M3, .float8E5M2, .float8E8M0, .int8, .uint8, .bool: 1
        }
    }

    /// The reference writer's order of dtypes in the data section (its `Dtype` declaration order,
    /// reversed; checked against safetensors 0.8.0 output): larger elements first, so each tensor
    /// stays aligned to its element size.
    static let referenceWriteOrder: [DType] = [
        .uint64, .int64, .float64, .complex64, .float32, .uint32, .int32, .bfloat16, .float16,
        .uint16, .int16, .float8E8M0, .float8E4M3, .float8E5M2, .int8, .uint8, .bool,
    ]

    /// Position in `referenceWriteOrder`.
    var writeRank: Int {
        DType.referenceWriteOrder.firstIndex(of: self) ?? DType.referenceWriteOrder.count
    }

    /// The weight types this engine converts to Float32. Other types (integer ids such as
    /// `position_ids`, flags) are listed and validated but not loaded as weights.
    public var isLoadableAsFloat: Bool {
        switch self {
        case .float32, .float16, .bfloat16: true
        default: false
        }
    }
}
