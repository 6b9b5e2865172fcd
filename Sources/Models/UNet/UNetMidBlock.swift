// diffusers' UNetMidBlock2DCrossAttn (ResNet, Transformer2DModel, ResNet) and UNetMidBlock2D as
// get_mid_block builds it for SSD-1B and Vega (one ResNet, no attention) (diffusers 0.42.1,
// diffusers/models/unets/unet_2d_blocks.py).
import Tensors

public struct UNetMidBlock: Sendable {
    public let resnets: [ResnetBlock2D]
    /// Empty for UNetMidBlock2D; one transformer between the two ResNet blocks otherwise.
    public let attentions: [Transformer2DModel]

    public init(_ weights: WeightLoader, block: UNetLayout.MidBlock, unet: UNetLayout,
                contextSlots: inout Int) throws {
        func resnet(_ index: Int) throws -> ResnetBlock2D {
            try ResnetBlock2D(weights("resnets.\(index)"), inputs: block.channels, outputs: block.channels,
                              timeEmbeddingChannels: unet.timeEmbeddingChannels, groups: unet.groups,
                              epsilon: unet.epsilon)
        }
        if let attention = block.attention {
            let first = try resnet(0)
            attentions = [try Transformer2DModel(weights("attentions.0"), channels: block.channels,
                                                 heads: attention.heads, depth: attention.depths[0],
                                                 contextChannels: unet.contextChannels, groups: unet.groups,
                                                 contextSlots: &contextSlots)]
            resnets = [first, try resnet(1)]
        } else {
            resnets = [try resnet(0)]
            attentions = []
        }
    }

    /// `x` [B, C, H, W] → [B, C, H, W].
    public func callAsFunction(_ x: Tensor, time: Tensor, context: CrossAttentionContext,
                               shouldContinue: () -> Bool) throws -> Tensor {
        var h = resnets[0](x, activatedTimeEmbedding: time)
        try stopIfCancelled(shouldContinue)
        for (attention, resnet) in zip(attentions, resnets.dropFirst()) {
            h = try attention(h, context: context, shouldContinue: shouldContinue)
            h = resnet(h, activatedTimeEmbedding: time)
            try stopIfCancelled(shouldContinue)
        }
        return h
    }
}
