// diffusers' UNet2DConditionModel (diffusers 0.42.1, diffusers/models/unets/unet_2d_condition.py)
// for the SDXL family: positional timestep embedding plus the `text_time` addition embedding,
// down / middle / up blocks joined by skip connections, GroupNorm + SiLU + conv_out. One type
// serves SDXL base, the refiner, SSD-1B and Vega; the config decides the shape.
import Tensors

public struct UNet2DConditionModel: Sendable {
    public let layout: UNetLayout
    public let convIn: Conv2d
    public let timeEmbedding: TimestepEmbedding
    public let addEmbedding: TimestepEmbedding
    public let downBlocks: [UNetDownBlock]
    public let midBlock: UNetMidBlock?
    public let upBlocks: [UNetUpBlock]
    public let convNormOut: GroupNorm
    public let convOut: Conv2d
    /// Every transformer block, in `contextSlot` order.
    public let transformerBlocks: [BasicTransformerBlock]
    /// Its weights left as half precision in their file mappings (none with Float32 residency).
    public let mappedWeights: MappedWeights
    /// Where the weights came from, for error messages.
    public let origin: String

    /// Validates `config` (named `configPath` in errors), then loads every weight from `weights`,
    /// checking each shape. Nothing is allocated for an invalid config.
    public init(config: UNetConfig, configPath: String, weights: any WeightSource) throws {
        try self.init(layout: config.layout(path: configPath), weights: WeightLoader(weights))
    }

    public init(layout: UNetLayout, weights: WeightLoader) throws {
        let mapped = MappedWeights()
        let weights = WeightLoader(weights.source, prefix: weights.prefix, recordingInto: mapped)
        mappedWeights = mapped
        self.layout = layout
        origin = weights.source.origin
        let first = layout.downBlocks[0].inputChannels
        convIn = try Conv2d(weights("conv_in"), inputs: layout.inChannels, outputs: first, kernel: 3, padding: 1)
        timeEmbedding = try TimestepEmbedding(weights("time_embedding"), inputs: layout.timestepChannels,
                                              outputs: layout.timeEmbeddingChannels)
        addEmbedding = try TimestepEmbedding(weights("add_embedding"), inputs: layout.additionInputChannels,
                                             outputs: layout.timeEmbeddingChannels)
        var slots = 0
        downBlocks = try layout.downBlocks.enumerated().map { index, block in
            try UNetDownBlock(weights("down_blocks.\(index)"), block: block, unet: layout, contextSlots: &slots)
        }
        midBlock = try layout.midBlock.map {
            try UNetMidBlock(weights("mid_block"), block: $0, unet: layout, contextSlots: &slots)
        }
        upBlocks = try layout.upBlocks.enumerated().map { index, block in
            try UNetUpBlock(weights("up_blocks.\(index)"), block: block, unet: layout, contextSlots: &slots)
        }
        convNormOut = try GroupNorm(weights("conv_norm_out"), groups: layout.groups, channels: first,
                                    epsilon: layout.epsilon)
        convOut = try Conv2d(weights("conv_out"), inputs: first, outputs: layout.outChannels, kernel: 3, padding: 1)

        let attentions = downBlocks.flatMap(\.attentions) + (midBlock?.attentions ?? []) + upBlocks.flatMap(\.attentions)
        transformerBlocks = attentions.flatMap(\.transformerBlocks)
        assert(transformerBlocks.enumerated().allSatisfy { $0.offset == $0.element.contextSlot })
    }

    /// The number of parameters loaded (2,567,463,684 for SDXL base).
    public var parameterCount: Int { layout.parameterCount }

    /// Projects the text embeddings `encoderHiddenStates` [B, S, C'] through every cross-attention
    /// layer. The result depends only on the prompt and can serve every step of a generation.
    public func crossAttentionContext(for encoderHiddenStates: Tensor) throws -> CrossAttentionContext {
        let shape = encoderHiddenStates.shape
        guard shape.count == 3, shape[0] > 0, shape[1] > 0, shape[2] == layout.contextChannels else {
            throw inputError("encoder_hidden_states has shape \(shape); this UNet needs [batch, tokens, \(layout.contextChannels)]")
        }
        return CrossAttentionContext(batch: shape[0], tokens: shape[1],
                                     keyValues: transformerBlocks.map { $0.crossAttentionKeyValue(encoderHiddenStates) })
    }

    func inputError(_ reason: String) -> ModelError {
        .invalidConfig(path: origin, reason: "UNet input: \(reason)")
    }
}
