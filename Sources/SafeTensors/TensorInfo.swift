// What the header says about one tensor: validated, so every number here is trustworthy.

public struct TensorInfo: Sendable, Hashable {
    public let name: String
    public let dtype: DType
    /// Dimensions, outermost first (row-major, as PyTorch stores them).
    public let shape: [Int]
    /// The product of the dimensions.
    public let elementCount: Int
    /// Byte range inside the data section (which starts right after the header).
    public let dataOffsets: Range<Int>

    public var byteCount: Int { dataOffsets.count }
}
