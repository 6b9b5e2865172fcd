// The body shared by transformers' CLIPTextModel and CLIPTextModelWithProjection (transformers
// 5.24.0, models/clip/modeling_clip.py): embeddings → encoder layers → final_layer_norm, with
// transformers' hidden_states numbering (0 = embeddings, i = output of layer i, not normalised).
import Tensors

/// Checkpoint names under `text_model.` (published SDXL files, and transformers 5.24's
/// CLIPTextModelWithProjection) or with no prefix (CLIPTextModel as transformers ≥ 5 saves it).
public struct CLIPTextTransformer: Sendable {
    public let config: CLIPTextConfig
    public let embeddings: CLIPTextEmbeddings
    public let layers: [CLIPEncoderLayer]
    public let finalLayerNorm: LayerNorm
    /// Where the weights came from, for messages.
    public let origin: String
    /// Its weights left as half precision in their file mappings.
    public let mappedWeights = MappedWeights()

    /// The two prefixes the text model's tensors are found under, preferred first.
    public static let knownPrefixes = ["text_model.", ""]

    /// The loader for the text model in `source`, whichever known prefix its tensors use.
    public static func loader(in source: any WeightSource, recordingInto mapped: MappedWeights? = nil) throws -> WeightLoader {
        let probe = "embeddings.token_embedding.weight"
        for prefix in knownPrefixes where source.shape(of: prefix + probe) != nil {
            return WeightLoader(source, prefix: prefix, recordingInto: mapped)
        }
        throw ModelError.missingTensor(key: knownPrefixes[0] + probe, origin: source.origin)
    }

    /// Validates `config`, then reads every tensor with its shape checked.
    public init(config: CLIPTextConfig, weights source: any WeightSource) throws {
        try config.validate(path: source.origin)
        guard let activation = CLIPActivation(rawValue: config.hiddenAct) else {
            throw ModelError.invalidConfig(path: source.origin, reason: "'hidden_act' \"\(config.hiddenAct)\" is not supported")
        }
        let weights = try Self.loader(in: source, recordingInto: mappedWeights)
        self.config = config
        origin = source.origin
        embeddings = try CLIPTextEmbeddings(weights("embeddings"), config: config)
        let encoder = weights("encoder")("layers")
        layers = try (0..<config.numHiddenLayers).map { index in
            try CLIPEncoderLayer(encoder("\(index)"), config: config, activation: activation)
        }
        finalLayerNorm = try LayerNorm(weights("final_layer_norm"), channels: config.hiddenSize,
                                       epsilon: Float(config.layerNormEps))
    }

    /// Checks token ids against this encoder's config.
    public func tokenBatch<ID: BinaryInteger>(_ rows: [[ID]]) throws -> CLIPTokenBatch {
        try CLIPTokenBatch(rows, config: config, origin: origin)
    }

    /// transformers' hidden_states index for diffusers' `clip_skip`: L − 1 − clipSkip.
    public func hiddenStateIndex(clipSkip: Int) throws -> Int {
        guard (0..<layers.count).contains(clipSkip) else {
            throw ModelError.invalidConfig(path: origin, reason: "clip skip \(clipSkip) is outside 0...\(layers.count - 1) for an encoder of \(layers.count) layers")
        }
        return layers.count - 1 - clipSkip
    }

    /// Runs the encoder and returns `hidden_states[hiddenStateIndex]` [B, T, D] and, when
    /// `pooling`, the pooled output [B, D]. Without pooling, layers after `hiddenStateIndex` are skipped.
    public func encode(_ tokens: CLIPTokenBatch, hiddenStateIndex: Int, pooling: Bool) -> (hiddenState: Tensor, pooled: Tensor?) {
        precondition((0...layers.count).contains(hiddenStateIndex),
                     "hidden state \(hiddenStateIndex) of an encoder with \(layers.count) layers")
        var x = embeddings(tokens)                                     // [B, T, D]
        var kept = hiddenStateIndex == 0 ? x : nil
        let depth = pooling ? layers.count : hiddenStateIndex
        for index in 0..<depth {
            x = layers[index](x)                                       // [B, T, D]
            if index + 1 == hiddenStateIndex { kept = x }
        }
        guard let hiddenState = kept else { preconditionFailure("hidden state \(hiddenStateIndex) was not reached") }
        guard pooling else { return (hiddenState, nil) }

        // The final layer norm works row by row, so normalising only the pooled rows is exact.
        let width = config.hiddenSize
        let rows = tokens.poolingPositions(eosTokenID: config.eosTokenId).enumerated().map { row, position in
            row * tokens.length + position
        }
        let lastRows = Kernels.gatherRows(x.reshaped([tokens.batch * tokens.length, width]), indices: rows)  // [B, D]
        return (hiddenState, finalLayerNorm(lastRows))                                                       // [B, D]
    }
}
