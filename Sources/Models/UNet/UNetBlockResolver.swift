// The blocks of a UNet as diffusers 0.42.1 builds them from per-block config values
// (diffusers/models/unets/unet_2d_condition.py `__init__`; unet_2d_blocks.py `get_down_block`,
// `get_mid_block`, `get_up_block`, and the block classes' channel arithmetic).

/// Resolves one block at a time from per-block values already checked against their bounds.
struct UNetBlockResolver {
    let checker: UNetConfigChecker
    let channels: [Int]
    let layers: [Int]
    /// Head counts (`attention_head_dim`, as diffusers reads it).
    let heads: [Int]
    let contexts: [Int]
    /// Context widths of the blocks that attend to the text.
    private(set) var usedContexts: Set<Int> = []

    init(checker: UNetConfigChecker, channels: [Int], layers: [Int], heads: [Int], contexts: [Int]) {
        self.checker = checker
        self.channels = channels
        self.layers = layers
        self.heads = heads
        self.contexts = contexts
    }

    var deepest: Int { channels.count - 1 }

    /// diffusers drops a leading "UNetRes" from block type names.
    static func blockName(_ type: String) -> String {
        type.hasPrefix("UNetRes") ? String(type.dropFirst("UNetRes".count)) : type
    }

    mutating func downBlock(level: Int, type: String, depth: TransformerDepth) throws -> UNetLayout.DownBlock {
        var block = UNetLayout.DownBlock(inputChannels: channels[max(level - 1, 0)], channels: channels[level],
                                         layers: layers[level], attention: nil, downsamples: level < deepest)
        switch Self.blockName(type) {
        case "DownBlock2D":
            break
        case "CrossAttnDownBlock2D":
            block.attention = try attention(level: level, layers: layers[level], depth: depth,
                                            depthKey: "transformer_layers_per_block[\(level)]")
        default:
            throw checker.invalid("down_block_types[\(level)]",
                                  "is '\(type)'; sdxl supports \(UNetConfig.supportedDownBlocks.joined(separator: " and "))")
        }
        return block
    }

    /// The middle block reads the deepest level's settings; having one attention layer, it takes
    /// the first entry of a per-layer depth list.
    mutating func midBlock(type: String?, depth: TransformerDepth) throws -> UNetLayout.MidBlock? {
        switch type {
        case nil:
            return nil
        case "UNetMidBlock2D":
            return UNetLayout.MidBlock(channels: channels[deepest], attention: nil)
        case "UNetMidBlock2DCrossAttn":
            return UNetLayout.MidBlock(
                channels: channels[deepest],
                attention: try attention(level: deepest, layers: 1, depth: .uniform(depth.first ?? -1),
                                         depthKey: "transformer_layers_per_block[\(deepest)]"))
        case let other?:
            throw checker.invalid("mid_block_type",
                                  "is '\(other)'; sdxl supports \(UNetConfig.supportedMidBlocks.joined(separator: ", "))")
        }
    }

    /// Up block `index` (deepest first) mirrors down block `deepest − index`, with one more layer;
    /// each layer's input is the running sample joined with a skip.
    mutating func upBlock(index: Int, type: String, depth: TransformerDepth, depthKey: String) throws -> UNetLayout.UpBlock {
        let level = deepest - index
        let output = channels[level]
        let previousOutput = channels[min(level + 1, deepest)]
        let skipInput = channels[max(level - 1, 0)]
        let resnets = layers[level] + 1
        let inputs = (0..<resnets).map { layer in
            (layer == 0 ? previousOutput : output) + (layer == resnets - 1 ? skipInput : output)
        }
        var block = UNetLayout.UpBlock(resnetInputChannels: inputs, channels: output, attention: nil,
                                       upsamples: index < deepest)
        switch Self.blockName(type) {
        case "UpBlock2D":
            break
        case "CrossAttnUpBlock2D":
            block.attention = try attention(level: level, layers: resnets, depth: depth, depthKey: depthKey)
        default:
            throw checker.invalid("up_block_types[\(index)]",
                                  "is '\(type)'; sdxl supports \(UNetConfig.supportedUpBlocks.joined(separator: " and "))")
        }
        return block
    }

    /// The one context width all attention blocks share (the text embeddings feed them all).
    func sharedContextChannels() throws -> Int {
        guard usedContexts.count <= 1 else {
            throw checker.invalid("cross_attention_dim", "gives the attention blocks different context widths \(usedContexts.sorted()); one text embedding feeds them all")
        }
        return usedContexts.first ?? contexts[0]
    }

    private mutating func attention(level: Int, layers: Int, depth: TransformerDepth,
                                    depthKey: String) throws -> UNetLayout.Attention {
        let width = channels[level], headCount = heads[level]
        guard width % headCount == 0 else {
            throw checker.invalid("attention_head_dim[\(level)]", "is \(headCount) (diffusers reads it as the head count), which does not divide the block's \(width) channels")
        }
        guard let depths = depth.perLayer(layers) else {
            throw checker.invalid(depthKey, "lists fewer transformer depths than the block's \(layers) layers")
        }
        for depth in depths {
            try checker.require(depth, in: UNetConfig.Limits.transformerDepth, depthKey, what: "transformer layers")
        }
        usedContexts.insert(contexts[level])
        return UNetLayout.Attention(heads: headCount, depths: depths)
    }
}
