// Checking a UNet config and resolving it into a `UNetLayout`, following the way diffusers 0.42.1
// reads each key (diffusers/models/unets/unet_2d_condition.py: `__init__`, `_check_config`;
// unet_2d_blocks.py: `get_down_block`, `get_mid_block`, `get_up_block`). Every number is checked
// against a bound before anything is allocated.

extension UNetConfig {
    /// Bounds far above any SDXL-family UNet (SDXL: 3 levels, 1280 channels, depth 10, 2.6 G
    /// parameters) and far below sizes that would exhaust memory.
    public enum Limits {
        public static let levels = 1...8
        public static let channels = 1...16_384
        public static let imageChannels = 1...64
        public static let layersPerBlock = 1...32
        public static let transformerDepth = 0...64
        public static let heads = 1...1_024
        public static let contextChannels = 1...16_384
        public static let groups = 1...1_024
        public static let additionTimeChannels = 1...8_192
        public static let additionInputChannels = 1...1_048_576
        public static let timeEmbeddingChannels = 1...65_536
        public static let parameters = 20_000_000_000
    }

    public static let supportedDownBlocks = ["DownBlock2D", "CrossAttnDownBlock2D"]
    public static let supportedUpBlocks = ["UpBlock2D", "CrossAttnUpBlock2D"]
    public static let supportedMidBlocks = ["UNetMidBlock2DCrossAttn", "UNetMidBlock2D", "null"]

    /// The number of parameters the config describes, after validating it. `path` names the
    /// config in errors.
    public func parameterCount(path: String) throws -> Int {
        try layout(path: path).parameterCount
    }

    /// Validates every key and resolves the network's shape; `path` names the config in errors.
    public func layout(path: String) throws -> UNetLayout {
        let checker = UNetConfigChecker(path: path)
        try refuseUnsupportedFeatures(checker)

        let levels = blockOutChannels.count
        try checker.require(levels, in: Limits.levels, "block_out_channels", what: "levels")
        guard downBlockTypes.count == levels else {
            throw checker.invalid("down_block_types", "lists \(downBlockTypes.count) blocks but block_out_channels has \(levels) levels")
        }
        guard upBlockTypes.count == levels else {
            throw checker.invalid("up_block_types", "lists \(upBlockTypes.count) blocks but block_out_channels has \(levels) levels")
        }
        guard let groups = normNumGroups else {
            throw checker.invalid("norm_num_groups", "is null (no group norms); SDXL-family UNets use 32 groups")
        }
        try checker.require(groups, in: Limits.groups, "norm_num_groups")
        for (level, channels) in blockOutChannels.enumerated() {
            try checker.require(channels, in: Limits.channels, "block_out_channels[\(level)]")
            guard channels % groups == 0 else {
                throw checker.invalid("block_out_channels[\(level)]", "is \(channels), not a multiple of norm_num_groups (\(groups))")
            }
        }
        try checker.require(inChannels, in: Limits.imageChannels, "in_channels")
        try checker.require(outChannels, in: Limits.imageChannels, "out_channels")
        guard normEps.isFinite, normEps > 0, normEps < 1 else {
            throw checker.invalid("norm_eps", "is \(normEps); it must be a small positive number (SDXL: 1e-5)")
        }

        let (downDepths, upDepths) = try transformerDepths(levels: levels, checker)
        var blocks = UNetBlockResolver(
            checker: checker, channels: blockOutChannels,
            layers: try checker.perBlock(layersPerBlock, "layers_per_block", levels: levels, in: Limits.layersPerBlock),
            // diffusers: `num_attention_heads = num_attention_heads or attention_head_dim`, and
            // `num_attention_heads` itself is refused, so the head count is `attention_head_dim`.
            heads: try checker.perBlock(attentionHeadDim, "attention_head_dim", levels: levels, in: Limits.heads),
            contexts: try checker.perBlock(crossAttentionDim, "cross_attention_dim", levels: levels, in: Limits.contextChannels))
        let downBlocks = try (0..<levels).map { level in
            try blocks.downBlock(level: level, type: downBlockTypes[level], depth: downDepths[level])
        }
        let midBlock = try blocks.midBlock(type: midBlockType, depth: downDepths[levels - 1])
        let upBlocks = try (0..<levels).map { index in
            try blocks.upBlock(index: index, type: upBlockTypes[index], depth: upDepths[index],
                               depthKey: reverseTransformerLayersPerBlock == nil
                                   ? "transformer_layers_per_block[\(levels - 1 - index)]"
                                   : "reverse_transformer_layers_per_block[\(index)]")
        }
        let contextChannels = try blocks.sharedContextChannels()

        let (additionTimeChannels, additionInputChannels) = try additionEmbedding(checker)
        let timeEmbeddingChannels = timeEmbeddingDim ?? blockOutChannels[0] * 4
        try checker.require(timeEmbeddingChannels, in: Limits.timeEmbeddingChannels, "time_embedding_dim")
        // Frequencies divide by (half − freq_shift) for both sinusoidal embeddings.
        let smallestHalf = min(blockOutChannels[0], additionTimeChannels) / 2
        guard freqShift.isFinite, smallestHalf == 0 || abs(freqShift) < Double(smallestHalf) else {
            throw checker.invalid("freq_shift", "is \(freqShift); it must be a small number (SDXL: 0)")
        }

        let layout = UNetLayout(
            inChannels: inChannels, outChannels: outChannels,
            timestepChannels: blockOutChannels[0], timeEmbeddingChannels: timeEmbeddingChannels,
            flipSinToCos: flipSinToCos, frequencyShift: Float(freqShift),
            additionTimeChannels: additionTimeChannels, additionInputChannels: additionInputChannels,
            contextChannels: contextChannels,
            groups: groups, epsilon: Float(normEps),
            downBlocks: downBlocks, midBlock: midBlock, upBlocks: upBlocks)
        let parameters = layout.parameterCount
        guard parameters <= Limits.parameters else {
            throw checker.invalid("block_out_channels", "with these settings the UNet would have \(parameters) parameters, more than the \(Limits.parameters) sdxl accepts")
        }
        return layout
    }

    /// Depths for the down blocks and for the up blocks (deepest first), as diffusers pairs them.
    private func transformerDepths(levels: Int, _ checker: UNetConfigChecker) throws
        -> (down: [TransformerDepth], up: [TransformerDepth]) {
        let down: [TransformerDepth]
        switch transformerLayersPerBlock {
        case .uniform(let depth):
            down = Array(repeating: .uniform(depth), count: levels)
        case .perBlock(let depths):
            guard depths.count == levels else {
                throw checker.invalid("transformer_layers_per_block", "has \(depths.count) entries for \(levels) down blocks")
            }
            if reverseTransformerLayersPerBlock == nil, depths.contains(where: \.isList) {
                throw checker.invalid("reverse_transformer_layers_per_block",
                                      "is missing; diffusers needs it when transformer_layers_per_block gives per-layer depths (an asymmetric UNet)")
            }
            down = depths
        }
        guard let reverse = reverseTransformerLayersPerBlock else { return (down, down.reversed()) }
        guard reverse.count == levels else {
            throw checker.invalid("reverse_transformer_layers_per_block", "has \(reverse.count) entries for \(levels) up blocks")
        }
        return (down, reverse)
    }

    /// The SDXL `text_time` embedding's widths: per time id, and of the whole input.
    private func additionEmbedding(_ checker: UNetConfigChecker) throws -> (timeChannels: Int, inputChannels: Int) {
        guard additionEmbedType == "text_time" else {
            throw checker.invalid("addition_embed_type", "is \(additionEmbedType.map { "'\($0)'" } ?? "null"); SDXL-family UNets use 'text_time' (pooled text embedding and size/crop conditioning)")
        }
        guard let timeChannels = additionTimeEmbedDim else {
            throw checker.invalid("addition_time_embed_dim", "is missing; the 'text_time' embedding needs it (SDXL: 256)")
        }
        guard let inputChannels = projectionClassEmbeddingsInputDim else {
            throw checker.invalid("projection_class_embeddings_input_dim", "is missing; the 'text_time' embedding needs it (SDXL base: 2816)")
        }
        try checker.require(timeChannels, in: Limits.additionTimeChannels, "addition_time_embed_dim")
        try checker.require(inputChannels, in: Limits.additionInputChannels, "projection_class_embeddings_input_dim")
        guard inputChannels > timeChannels else {
            throw checker.invalid("projection_class_embeddings_input_dim", "is \(inputChannels), too small for a pooled text embedding and time ids of \(timeChannels) channels each")
        }
        return (timeChannels, inputChannels)
    }
}
