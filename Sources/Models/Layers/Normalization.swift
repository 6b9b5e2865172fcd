import Tensors

/// torch.nn.GroupNorm (affine), optionally followed by SiLU in the same pass.
public struct GroupNorm: Sendable {
    public let groups: Int
    public let epsilon: Float
    public let weight: Tensor, bias: Tensor   // [C]

    public init(_ weights: WeightLoader, groups: Int, channels: Int, epsilon: Float) throws {
        self.groups = groups
        self.epsilon = epsilon
        weight = try weights.tensor("weight", shape: [channels])
        bias = try weights.tensor("bias", shape: [channels])
    }

    public func callAsFunction(_ x: Tensor, fusingSiLU: Bool = false) -> Tensor {
        Kernels.groupNorm(x, groups: groups, weight: weight, bias: bias, epsilon: epsilon, fusingSiLU: fusingSiLU)
    }
}

/// torch.nn.LayerNorm over the last dimension (affine).
public struct LayerNorm: Sendable {
    public let epsilon: Float
    public let weight: Tensor, bias: Tensor   // [D]

    public init(_ weights: WeightLoader, channels: Int, epsilon: Float) throws {
        self.epsilon = epsilon
        weight = try weights.tensor("weight", shape: [channels])
        bias = try weights.tensor("bias", shape: [channels])
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Kernels.layerNorm(x, weight: weight, bias: bias, epsilon: epsilon)
    }
}
