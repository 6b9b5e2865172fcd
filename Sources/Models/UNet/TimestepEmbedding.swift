// diffusers' TimestepEmbedding (diffusers 0.42.1, diffusers/models/embeddings.py) with act_fn
// "silu" and no condition or post-activation: linear_1 → SiLU → linear_2. The UNet uses it twice:
// `time_embedding` on the sinusoidal timestep features and `add_embedding` on SDXL's
// [pooled text embedding, time id features].
import Tensors

public struct TimestepEmbedding: Sendable {
    public let linear1: Linear
    public let linear2: Linear

    public init(_ weights: WeightLoader, inputs: Int, outputs: Int) throws {
        linear1 = try Linear(weights("linear_1"), inputs: inputs, outputs: outputs)
        linear2 = try Linear(weights("linear_2"), inputs: outputs, outputs: outputs)
    }

    /// `features` [B, inputs] → [B, outputs].
    public func callAsFunction(_ features: Tensor) -> Tensor {
        linear2(Kernels.silu(linear1(features)))
    }
}
