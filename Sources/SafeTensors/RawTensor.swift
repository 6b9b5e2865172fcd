// One tensor's bytes inside a mapped file, and their conversion to Float32.
import Tensors

/// A tensor as stored: dtype, shape and the bytes in the mapping. Holding a `RawTensor` keeps
/// the mapping alive.
public struct RawTensor: @unchecked Sendable {
    public let info: TensorInfo
    /// The file the tensor lives in.
    public let path: String
    /// The stored bytes (little-endian). Valid while this value or its file is alive; inside
    /// `withUnsafeBytes` that is guaranteed even when nothing else refers to the file.
    public let bytes: UnsafeRawBufferPointer
    private let owner: MappedFile

    init(info: TensorInfo, path: String, bytes: UnsafeRawBufferPointer, owner: MappedFile) {
        self.info = info
        self.path = path
        self.bytes = bytes
        self.owner = owner
    }

    public var name: String { info.name }
    public var dtype: DType { info.dtype }
    public var shape: [Int] { info.shape }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(bytes) }
    }

    /// Gives the tensor's pages of the mapping back: the process's resident set shrinks by their
    /// size, and the bytes are read from the file again (usually from the page cache) when next
    /// used. Pages shared with a neighbouring tensor at either end are kept.
    public func releaseResidentPages() {
        withExtendedLifetime(owner) { MemoryPages.release(bytes) }
    }

    /// Writes the values as Float32 into `destination`, which must hold exactly `info.elementCount`
    /// values. Large tensors are converted on several threads.
    public func convert(into destination: UnsafeMutableBufferPointer<Float>) throws {
        try checkFloat()
        guard destination.count == info.elementCount else {
            throw SafeTensorsError.destinationSizeMismatch(path: path, tensor: name, expected: info.elementCount,
                                                           actual: destination.count)
        }
        guard let output = destination.baseAddress, let input = bytes.baseAddress else { return }
        let dtype = info.dtype
        withExtendedLifetime(owner) {
            Parallel.forEachChunk(info.elementCount, grain: RawTensor.conversionGrain) { range in
                Self.convert(dtype, input + range.lowerBound &* dtype.byteSize, count: range.count,
                             into: output + range.lowerBound)
            }
        }
    }

    /// Writes the values of row `row` of a 2-D tensor as Float32 into `destination`, which
    /// must hold a row (`shape[1]` values): an embedding lookup without widening the table.
    public func convertRow(_ row: Int, into destination: UnsafeMutablePointer<Float>) throws {
        try checkFloat()
        precondition(info.shape.count == 2 && row >= 0 && row < info.shape[0],
                     "convertRow: row \(row) of \(info.shape)")
        guard let input = bytes.baseAddress else { return }
        let width = info.shape[1], dtype = info.dtype
        withExtendedLifetime(owner) {
            Self.convert(dtype, input + row &* width &* dtype.byteSize, count: width, into: destination)
        }
    }

    /// The values as a Float32 tensor. F32 data at a 4-byte aligned address is borrowed from the
    /// mapping without copying (the tensor copies itself before any write); everything else is
    /// converted into new storage.
    public func floatTensor() throws -> Tensor {
        try checkFloat()
        let count = info.elementCount
        if info.dtype == .float32, count > 0, let base = bytes.baseAddress,
           Int(bitPattern: base) % MemoryLayout<Float>.alignment == 0 {
            let floats = UnsafeMutableRawPointer(mutating: base).bindMemory(to: Float.self, capacity: count)
            return Tensor(shape: info.shape, storage: TensorStorage(borrowing: floats, count: count, owner: owner))
        }
        var tensor = Tensor(uninitializedShape: info.shape)
        try tensor.withUnsafeMutableBufferPointer { try convert(into: $0) }
        return tensor
    }

    private func checkFloat() throws {
        guard info.dtype.isLoadableAsFloat else {
            throw SafeTensorsError.notFloatTensor(path: path, tensor: name, dtype: info.dtype.rawValue)
        }
    }

    /// Elements per thread below which conversion stays on one thread (about 0.1 ms of work).
    static let conversionGrain = 1 << 18

    private static func convert(_ dtype: DType, _ source: UnsafeRawPointer, count: Int,
                                into destination: UnsafeMutablePointer<Float>) {
        switch dtype {
        case .float16: HalfConversion.widenFloat16(source, count: count, into: destination)
        case .bfloat16: HalfConversion.widenBFloat16(source, count: count, into: destination)
        case .float32: UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: count &* 4)
        default: preconditionFailure("checked by checkFloat")
        }
    }
}
