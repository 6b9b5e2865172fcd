// The common reading interface of a single safetensors file and a sharded checkpoint.
import Tensors

public protocol TensorSource: AnyObject, Sendable {
    /// Every tensor name, sorted.
    var names: [String] { get }
    /// Dtype, shape and location of a tensor, read from the header without touching data.
    func info(named name: String) -> TensorInfo?
    /// The stored bytes of a tensor; throws `missingTensor` for an unknown name.
    func rawTensor(named name: String) throws -> RawTensor
}

extension TensorSource {
    public func contains(_ name: String) -> Bool {
        info(named: name) != nil
    }

    /// A weight as Float32, converted from F32, F16 or BF16; other dtypes throw `notFloatTensor`.
    public func tensor(named name: String) throws -> Tensor {
        try rawTensor(named: name).floatTensor()
    }

    /// Converts a weight into a caller-owned buffer of exactly its element count.
    public func convert(named name: String, into destination: UnsafeMutableBufferPointer<Float>) throws {
        try rawTensor(named: name).convert(into: destination)
    }

    /// Names of the tensors stored as F32, F16 or BF16 (the ones `tensor(named:)` loads).
    public var floatTensorNames: [String] {
        names.filter { info(named: $0)?.dtype.isLoadableAsFloat == true }
    }
}
