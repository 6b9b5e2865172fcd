// A dense, contiguous, row-major Float32 tensor. Images are NCHW.

/// The memory behind a tensor. It either owns an aligned allocation or borrows
/// memory kept alive by `owner` (for example a memory-mapped weights file).
public final class TensorStorage: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int
    private let owner: AnyObject?

    /// Borrowed memory may be read-only (a file mapping), so it is never written in place.
    public var isBorrowed: Bool { owner != nil }

    /// Allocates `count` floats, 64-byte aligned, uninitialised.
    public init(uninitializedCount count: Int) {
        precondition(count >= 0, "negative tensor size")
        let raw = BufferPool.shared.allocate(bytes: max(count, 1) * MemoryLayout<Float>.stride)
        pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        self.count = count
        owner = nil
    }

    /// Wraps memory that `owner` keeps alive; the storage never frees it.
    public init(borrowing pointer: UnsafeMutablePointer<Float>, count: Int, owner: AnyObject) {
        self.pointer = pointer
        self.count = count
        self.owner = owner
    }

    deinit {
        if owner == nil {
            BufferPool.shared.release(UnsafeMutableRawPointer(pointer), bytes: max(count, 1) * MemoryLayout<Float>.stride)
        }
    }
}

public struct Tensor: @unchecked Sendable {
    /// Dimensions, outermost first.
    public private(set) var shape: [Int]
    public private(set) var storage: TensorStorage

    /// Number of elements.
    public var count: Int { storage.count }
    public var rank: Int { shape.count }

    /// A tensor of the given shape whose contents are undefined until written.
    public init(uninitializedShape shape: [Int]) {
        self.shape = shape
        storage = TensorStorage(uninitializedCount: Tensor.elementCount(shape))
    }

    public init(zeros shape: [Int]) {
        self.init(repeating: 0, shape: shape)
    }

    public init(repeating value: Float, shape: [Int]) {
        self.init(uninitializedShape: shape)
        storage.pointer.initialize(repeating: value, count: count)
    }

    public init(shape: [Int], scalars: [Float]) {
        precondition(Tensor.elementCount(shape) == scalars.count,
                     "shape \(shape) needs \(Tensor.elementCount(shape)) values, got \(scalars.count)")
        self.init(uninitializedShape: shape)
        scalars.withUnsafeBufferPointer { storage.pointer.initialize(from: $0.baseAddress!, count: count) }
    }

    public init(shape: [Int], storage: TensorStorage) {
        precondition(Tensor.elementCount(shape) == storage.count,
                     "shape \(shape) does not match storage of \(storage.count) values")
        self.shape = shape
        self.storage = storage
    }

    /// The product of the dimensions; traps on negative dimensions or overflow.
    public static func elementCount(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape {
            precondition(d >= 0, "negative dimension in \(shape)")
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            precondition(!overflow, "tensor shape \(shape) overflows")
            n = product
        }
        return n
    }

    public var scalars: [Float] {
        Array(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    public subscript(flat index: Int) -> Float {
        get { storage.pointer[index] }
    }

    /// The same values under another shape of equal size; shares storage.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, storage: storage)
    }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// Mutable access; copies first when the storage is shared (copy-on-write).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: count))
    }

    /// A private copy of the values.
    public func copy() -> Tensor {
        var result = Tensor(uninitializedShape: shape)
        result.storage.pointer.initialize(from: storage.pointer, count: count)
        result.shape = shape
        return result
    }

    /// A result computed over its own input's memory: when a layer's output needs no more memory
    /// than its input, and each part of the input is read before the same part of the output is
    /// written, the output can take the input's place, and a whole picture less is alive at once.
    ///
    /// A tensor of `shape` over the first values of this tensor's memory, for a result that
    /// overwrites this tensor as it is computed; nil when another tensor shares the memory (or it
    /// is borrowed), so overwriting it would change a value someone else holds. The view keeps
    /// the whole memory alive; `TensorStorage.releasePages(after:)` hands the rest back.
    public mutating func overwritingView(shape: [Int]) -> Tensor? {
        let count = Tensor.elementCount(shape)
        guard count <= self.count, !storage.isBorrowed, isKnownUniquelyReferenced(&storage) else { return nil }
        return Tensor(shape: shape, storage: TensorStorage(borrowing: storage.pointer, count: count, owner: storage))
    }

    private mutating func makeUnique() {
        if storage.isBorrowed || !isKnownUniquelyReferenced(&storage) { self = copy() }
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(6).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(\(shape): [\(preview)\(count > 6 ? ", …" : "")])"
    }
}
