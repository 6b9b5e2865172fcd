// diffusers' ResnetBlock2D (diffusers/models/resnet.py) with time_embedding_norm "default",
// shared by the UNet (with a time embedding) and the VAE (without).
import Tensors

public struct ResnetBlock2D: Sendable {
    public let norm1: GroupNorm, conv1: Conv2d
    public let timeEmbeddingProjection: Linear?
    public let norm2: GroupNorm, conv2: Conv2d
    public let shortcut: Conv2d?

    public init(_ weights: WeightLoader, inputs: Int, outputs: Int, timeEmbeddingChannels: Int?,
                groups: Int, epsilon: Float) throws {
        norm1 = try GroupNorm(weights("norm1"), groups: groups, channels: inputs, epsilon: epsilon)
        conv1 = try Conv2d(weights("conv1"), inputs: inputs, outputs: outputs, kernel: 3, padding: 1)
        timeEmbeddingProjection = try timeEmbeddingChannels.map {
            try Linear(weights("time_emb_proj"), inputs: $0, outputs: outputs)
        }
        norm2 = try GroupNorm(weights("norm2"), groups: groups, channels: outputs, epsilon: epsilon)
        conv2 = try Conv2d(weights("conv2"), inputs: outputs, outputs: outputs, kernel: 3, padding: 1)
        shortcut = inputs == outputs ? nil
            : try Conv2d(weights("conv_shortcut"), inputs: inputs, outputs: outputs, kernel: 1)
    }

    /// `x` [B, C, H, W]; `timeEmbedding` [B, T] already passed through SiLU (the UNet computes
    /// that once for all blocks).
    public func callAsFunction(_ x: Tensor, activatedTimeEmbedding: Tensor? = nil) -> Tensor {
        var h = conv1(norm1(x, fusingSiLU: true))
        if let projection = timeEmbeddingProjection, let embedding = activatedTimeEmbedding {
            h = Kernels.addPerChannel(h, projection(embedding))   // [B, C] broadcast over H, W
        }
        h = conv2(norm2(h, fusingSiLU: true))
        return Kernels.add(shortcut.map { $0(x) } ?? x, h)
    }
}
