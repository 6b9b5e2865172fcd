// diffusers' DownBlock2D and CrossAttnDownBlock2D (diffusers 0.42.1,
// diffusers/models/unets/unet_2d_blocks.py): ResNet blocks, each followed by a Transformer2DModel
// in the cross-attention form, then an optional stride-2 convolution (downsamplers.0.conv).
import Tensors

public struct UNetDownBlock: Sendable {
    public let resnets: [ResnetBlock2D]
    /// Empty for DownBlock2D; one per ResNet block for CrossAttnDownBlock2D.
    public let attentions: [Transformer2DModel]
    public let downsampler: Downsample2D?

    public init(_ weights: WeightLoader, block: UNetLayout.DownBlock, unet: UNetLayout,
                contextSlots: inout Int) throws {
        var resnets: [ResnetBlock2D] = []
        var attentions: [Transformer2DModel] = []
        for layer in 0..<block.layers {
            resnets.append(try ResnetBlock2D(weights("resnets.\(layer)"),
                                             inputs: layer == 0 ? block.inputChannels : block.channels,
                                             outputs: block.channels, timeEmbeddingChannels: unet.timeEmbeddingChannels,
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
        downsampler = block.downsamples
            ? try Downsample2D(weights("downsamplers.0"), channels: block.channels, padding: 1) : nil
    }

    /// `x` [B, Cin, H, W] → [B, C, H/2, W/2] (or [B, C, H, W] without downsampling). Appends the
    /// output of every layer, and of the downsampler, to `skips` for the up blocks.
    public func callAsFunction(_ x: Tensor, time: Tensor, context: CrossAttentionContext,
                               skips: inout [Tensor], shouldContinue: () -> Bool) throws -> Tensor {
        var h = x
        for (layer, resnet) in resnets.enumerated() {
            h = resnet(h, activatedTimeEmbedding: time)
            try stopIfCancelled(shouldContinue)
            if !attentions.isEmpty {
                h = try attentions[layer](h, context: context, shouldContinue: shouldContinue)
            }
            skips.append(h)
        }
        if let downsampler {
            h = downsampler(h)
            skips.append(h)
        }
        return h
    }
}
