// diffusers' UNetMidBlock2D (diffusers 0.42.1, models/unets/unet_2d_blocks.py) as the VAE's
// Encoder and Decoder build it (models/autoencoders/vae.py): num_layers 1, no time embedding,
// resnet → attention → resnet at the deepest resolution. The attention is the deprecated
// "attention block" form of diffusers' Attention: group norm (eps 1e-6), one head whose width is
// all the channels (attention_head_dim = channels), biased projections, residual connection,
// rescale_output_factor 1.
import Tensors

public struct VAEMidBlock: Sendable {
    public let resnets: [ResnetBlock2D]
    /// Absent when the config sets `mid_block_add_attention` to false.
    public let attention: Attention?

    /// Checkpoint names: `resnets.0`, `attentions.0.{group_norm,to_q,to_k,to_v,to_out.0}`, `resnets.1`.
    public init(_ weights: WeightLoader, channels: Int, groups: Int, addsAttention: Bool) throws {
        resnets = try (0..<2).map { index in
            try ResnetBlock2D(weights("resnets")("\(index)"), inputs: channels, outputs: channels,
                              timeEmbeddingChannels: nil, groups: groups, epsilon: VAEConstants.epsilon)
        }
        attention = addsAttention
            ? try Attention(weights("attentions")("0"), queryChannels: channels, heads: 1, headWidth: channels,
                            projectionBias: true, groupNorm: (groups: groups, epsilon: VAEConstants.epsilon))
            : nil
    }

    /// `x` [B, C, h, w] → [B, C, h, w]. The attention mixes every position with every other
    /// one, so this block needs the whole latent at once.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var hidden = resnets[0](x)                                          // [B, C, h, w]
        if let attention { hidden = attention.imageSelfAttention(hidden) }  // [B, C, h, w]
        return resnets[1](hidden)                                           // [B, C, h, w]
    }
}
