// Range checks for CLIPTextConfig, run before any weight is read, so that a damaged or foreign
// config is named for what is wrong instead of crashing or allocating absurd amounts.

extension CLIPTextConfig {
    /// Upper bounds well above any released CLIP text encoder (bigG: 1280 wide, 32 layers).
    public static let maxHiddenSize = 16_384
    public static let maxIntermediateSize = 65_536
    public static let maxLayers = 256
    public static let maxHeads = 256
    public static let maxPositions = 4_096
    public static let maxVocabSize = 1_000_000

    /// The activations of the MLP that this port implements (transformers' ACT2FN names).
    public static let supportedActivations = ["quick_gelu", "gelu"]

    /// Throws `ModelError.invalidConfig` naming `path` and the first offending key.
    public func validate(path: String) throws {
        func require(_ condition: Bool, _ reason: @autoclosure () -> String) throws {
            if !condition { throw ModelError.invalidConfig(path: path, reason: reason()) }
        }
        func inRange(_ key: String, _ value: Int, _ bounds: ClosedRange<Int>) throws {
            try require(bounds.contains(value),
                        "'\(key)' is \(value), outside \(bounds.lowerBound)...\(bounds.upperBound); this is not a usable CLIP text encoder config")
        }
        try inRange("vocab_size", vocabSize, 1...Self.maxVocabSize)
        try inRange("hidden_size", hiddenSize, 1...Self.maxHiddenSize)
        try inRange("intermediate_size", intermediateSize, 1...Self.maxIntermediateSize)
        try inRange("num_hidden_layers", numHiddenLayers, 1...Self.maxLayers)
        try inRange("num_attention_heads", numAttentionHeads, 1...Self.maxHeads)
        try inRange("max_position_embeddings", maxPositionEmbeddings, 1...Self.maxPositions)
        try require(hiddenSize % numAttentionHeads == 0,
                    "'hidden_size' \(hiddenSize) is not a multiple of 'num_attention_heads' \(numAttentionHeads)")
        if let projectionDim {
            try inRange("projection_dim", projectionDim, 1...Self.maxHiddenSize)
        }
        try require(Self.supportedActivations.contains(hiddenAct),
                    "'hidden_act' is \"\(hiddenAct)\"; only \(Self.supportedActivations.joined(separator: " and ")) are supported (CLIP ViT-L and OpenCLIP bigG)")
        try require(layerNormEps.isFinite && layerNormEps > 0 && layerNormEps < 1,
                    "'layer_norm_eps' is \(layerNormEps); it must be a small positive number such as 1e-05")
        try inRange("eos_token_id", eosTokenId, 0...(vocabSize - 1))
    }

    /// The projection width, required by `CLIPTextModelWithProjection`.
    func requiredProjectionDim(path: String) throws -> Int {
        guard let projectionDim else {
            throw ModelError.invalidConfig(path: path, reason: "'projection_dim' is null, but text_projection needs its width")
        }
        return projectionDim
    }
}
