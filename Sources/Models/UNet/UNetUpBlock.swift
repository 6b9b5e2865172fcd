// diffusers' UpBlock2D and CrossAttnUpBlock2D (diffusers 0.42.1,
// diffusers/models/unets/unet_2d_blocks.py): each ResNet block takes the running sample joined on
// channels with the latest skip from the down path, in the cross-attention form followed by a
// Transformer2DModel; then an optional nearest 2× upsampling and convolution (upsamplers.0.conv).
import Tensors

public struct UNetUpBlock: Sendable {
    public let resnets: [ResnetBlock2D]
    /// Empty for UpBlock2D; one per ResNet block for CrossAttnUpBlock2D.
    public let attentions: [Transformer2DModel]
    public let upsampler: Upsample2D?

    public init(_ weights: WeightLoader, block: UNetLayout.UpBlock, unet: UNetLayout,
                contextSlots: inout Int) throws {
        var resnets: [ResnetBlock2D] = []
        var attentions: [Transformer2DModel] = []
        for (layer, inputs) in block.resnetInputChannels.enumerated() {
            resnets.append(try ResnetBlock2D(weights("resnets.\(layer)"), inputs: inputs, outputs: block.channels,
                                             timeEmbeddingChannels: unet.timeEmbeddingChannels,
                                             groups: unet.groups, epsilon: unet.epsilon))
            if let attention = block.attention {
                attentions.append(try Transformer2DModel(
                    weights("attentions.\(layer)"), channels: block.channels, heads: attention.heads,
                    depth: attention.depths[layer], contextChannels: unet.contextChannels, groups: unet.groups,
                    contextSlots: &contextSlots))
            }
        }
        self.resnets = resnets
        self.attentions = attentions
        upsampler = block.upsamples ? try Upsample2D(weights("upsamplers.0"), channels: block.channels) : nil
    }

    /// `x` [B, Cprev, H, W] → [B, C, H', W']; takes its skips from the end of `skips`. The
    /// upsampler doubles the size, or, when the latent size is not a multiple of 2^(levels − 1),
    /// resizes to the size of the skip the next block meets (diffusers' `upsample_size`).
    public func callAsFunction(_ x: Tensor, time: Tensor, context: CrossAttentionContext,
                               skips: inout [Tensor], shouldContinue: () -> Bool) throws -> Tensor {
        var h = x
        for (layer, resnet) in resnets.enumerated() {
            let skip = skips.removeLast()
            h = resnet(Kernels.concatChannels([h, skip]), activatedTimeEmbedding: time)   // [B, Cprev + Cskip, H, W] → [B, C, H, W]
            try stopIfCancelled(shouldContinue)
            if !attentions.isEmpty {
                h = try attentions[layer](h, context: context, shouldContinue: shouldContinue)
            }
        }
        guard let upsampler else { return h }
        if let next = skips.last, next.shape[2] != 2 * h.shape[2] || next.shape[3] != 2 * h.shape[3] {
            return upsampler.conv(Kernels.resizeNearest(h, height: next.shape[2], width: next.shape[3]))
        }
        return upsampler(h)
    }
}
