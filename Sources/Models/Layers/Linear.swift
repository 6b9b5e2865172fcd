import Tensors

/// torch.nn.Linear: y = x·Wᵀ + b.
public struct Linear: Sendable {
    public let weight: StoredWeight   // [out, in]
    public let bias: Tensor?    // [out]

    public init(_ weights: WeightLoader, inputs: Int, outputs: Int, bias: Bool = true) throws {
        weight = try weights.weight("weight", shape: [outputs, inputs])
        self.bias = bias ? try weights.tensor("bias", shape: [outputs]) : nil
    }

    public var inputs: Int { weight.shape[1] }
    public var outputs: Int { weight.shape[0] }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Kernels.linear(x, weight: weight.floats(), bias: bias)
    }
}
