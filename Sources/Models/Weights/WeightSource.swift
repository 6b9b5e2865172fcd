import Tensors

/// Somewhere named tensors can be read from: one safetensors file, a sharded set, or a
/// view of a single-file checkpoint whose keys are mapped to diffusers' names.
public protocol WeightSource: Sendable {
    /// Every tensor name available.
    var names: [String] { get }
    /// The shape of a tensor, or nil when there is no such tensor.
    func shape(of name: String) -> [Int]?
    /// The tensor's values as Float32.
    func tensor(named name: String) throws -> Tensor
    /// A description for error messages (a file or folder path).
    var origin: String { get }
    /// How the tensor is stored ("F16", "BF16", "F32"), when the source knows.
    func storedType(of name: String) -> String?
    /// The tensor in the form the source keeps large weights (see `WeightResidency`).
    func storedWeight(named name: String) throws -> StoredWeight
}

extension WeightSource {
    public func storedType(of name: String) -> String? { nil }
    public func storedWeight(named name: String) throws -> StoredWeight { .float(try tensor(named: name)) }
}
