import Tensors

/// torch.nn.Conv2d with square kernels, groups 1.
public struct Conv2d: Sendable {
    public let weight: StoredWeight   // [out, in, k, k]
    public let bias: Tensor?    // [out]
    public let stride: Int
    public let padding: Int

    public init(_ weights: WeightLoader, inputs: Int, outputs: Int, kernel: Int,
                stride: Int = 1, padding: Int = 0, bias: Bool = true) throws {
        weight = try weights.weight("weight", shape: [outputs, inputs, kernel, kernel])
        self.bias = bias ? try weights.tensor("bias", shape: [outputs]) : nil
        self.stride = stride
        self.padding = padding
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Kernels.conv2d(x, weight: weight.floats(), bias: bias, stride: stride, padding: padding)
    }
}
