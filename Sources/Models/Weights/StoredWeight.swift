import SafeTensors
import Tensors

/// How a model keeps its large weights in memory.
public enum WeightResidency: String, Sendable, CaseIterable {
    /// Widened to Float32 once at load: fastest, twice the memory of half-precision files.
    case float32
    /// Left as the file's F16/BF16 bytes in the memory mapping and widened for each use:
    /// half the memory, at the cost of one conversion per layer per forward.
    case halfPrecision = "half"
}

/// A weight matrix or convolution kernel as the engine keeps it.
public enum StoredWeight: Sendable {
    case float(Tensor)
    /// F16/BF16 values in a mapped file, with the shape the layer sees them in.
    case half(RawTensor, shape: [Int])

    public var shape: [Int] {
        switch self {
        case .float(let tensor): return tensor.shape
        case .half(_, let shape): return shape
        }
    }

    /// The bytes of a half-precision weight in its file mapping; 0 for a Float32 weight, which
    /// lives in ordinary memory.
    public var mappedBytes: Int {
        guard case let .half(raw, _) = self else { return 0 }
        return raw.bytes.count
    }

    /// Gives a half-precision weight's pages back until its next use (see
    /// `RawTensor.releaseResidentPages`); a Float32 weight keeps its memory. Returns the bytes.
    @discardableResult
    public func releaseResidentPages() -> Int {
        guard case let .half(raw, _) = self else { return 0 }
        raw.releaseResidentPages()
        return mappedBytes
    }

    /// Rows of a 2-D weight [V, D] at `indices`, as Float32 [indices.count, D]: an embedding
    /// lookup that widens only the rows it reads.
    public func gatherRows(_ indices: [Int]) -> Tensor {
        switch self {
        case .float(let table):
            return Kernels.gatherRows(table, indices: indices)
        case let .half(raw, shape):
            precondition(shape.count == 2, "gatherRows: weight \(shape) must be [V, D]")
            let result = Tensor(uninitializedShape: [indices.count, shape[1]])
            for (row, index) in indices.enumerated() {
                precondition(index >= 0 && index < shape[0], "gatherRows: index \(index) outside table \(shape)")
                // The shape and type were checked when the weight was loaded.
                try? raw.convertRow(index, into: result.storage.pointer + row * shape[1])
            }
            return result
        }
    }

    /// The values as Float32: the tensor itself, or a freshly widened copy whose buffer
    /// returns to the pool when the caller is done with it.
    public func floats() -> Tensor {
        switch self {
        case .float(let tensor):
            return tensor
        case let .half(raw, shape):
            var tensor = Tensor(uninitializedShape: shape)
            tensor.withUnsafeMutableBufferPointer { buffer in
                // The shape and type were checked when the weight was loaded.
                try? raw.convert(into: buffer)
            }
            return tensor
        }
    }
}
