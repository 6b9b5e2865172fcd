// The text half of transformers' CLIPConfig (transformers 5.24.0,
// models/clip/configuration_clip.py, `CLIPTextConfig`), decoded from a text encoder's
// `config.json` (`text_encoder/` for CLIP ViT-L/14, `text_encoder_2/` for OpenCLIP ViT-bigG/14).

/// The shape of a CLIP text transformer and the token ids it treats specially.
///
/// Keys that transformers fills in when absent take transformers' defaults; the four size keys
/// (`hidden_size`, `intermediate_size`, `num_attention_heads`, `num_hidden_layers`) are required,
/// because a config without them cannot describe SDXL's encoders.
public struct CLIPTextConfig: Codable, Sendable, Equatable {
    public var vocabSize: Int
    public var hiddenSize: Int
    public var intermediateSize: Int
    /// Width of `text_projection`'s output; nil when the config says `null`.
    public var projectionDim: Int?
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var maxPositionEmbeddings: Int
    /// `quick_gelu` (CLIP ViT-L) or `gelu` (OpenCLIP bigG).
    public var hiddenAct: String
    public var layerNormEps: Double
    /// The id pooling looks for; the legacy value 2 means "the largest id in the row" instead.
    public var eosTokenId: Int
    public var bosTokenId: Int?
    public var padTokenId: Int?

    enum CodingKeys: String, CodingKey {
        case vocabSize = "vocab_size"
        case hiddenSize = "hidden_size"
        case intermediateSize = "intermediate_size"
        case projectionDim = "projection_dim"
        case numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads"
        case maxPositionEmbeddings = "max_position_embeddings"
        case hiddenAct = "hidden_act"
        case layerNormEps = "layer_norm_eps"
        case eosTokenId = "eos_token_id"
        case bosTokenId = "bos_token_id"
        case padTokenId = "pad_token_id"
    }

    // transformers' defaults for keys a config may leave out.
    public static let defaultVocabSize = 49_408
    public static let defaultProjectionDim = 512
    public static let defaultMaxPositionEmbeddings = 77
    public static let defaultHiddenAct = "quick_gelu"
    public static let defaultLayerNormEps = 1e-5
    public static let defaultEOSTokenID = 49_407
    public static let defaultBOSTokenID = 49_406
    public static let defaultPadTokenID = 1

    public init(vocabSize: Int = defaultVocabSize, hiddenSize: Int, intermediateSize: Int,
                projectionDim: Int? = defaultProjectionDim, numHiddenLayers: Int, numAttentionHeads: Int,
                maxPositionEmbeddings: Int = defaultMaxPositionEmbeddings, hiddenAct: String = defaultHiddenAct,
                layerNormEps: Double = defaultLayerNormEps, eosTokenId: Int = defaultEOSTokenID,
                bosTokenId: Int? = defaultBOSTokenID, padTokenId: Int? = defaultPadTokenID) {
        self.vocabSize = vocabSize
        self.hiddenSize = hiddenSize
        self.intermediateSize = intermediateSize
        self.projectionDim = projectionDim
        self.numHiddenLayers = numHiddenLayers
        self.numAttentionHeads = numAttentionHeads
        self.maxPositionEmbeddings = maxPositionEmbeddings
        self.hiddenAct = hiddenAct
        self.layerNormEps = layerNormEps
        self.eosTokenId = eosTokenId
        self.bosTokenId = bosTokenId
        self.padTokenId = padTokenId
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        vocabSize = try keys.decodeWholeNumberIfPresent(forKey: .vocabSize) ?? Self.defaultVocabSize
        hiddenSize = try keys.decodeWholeNumber(forKey: .hiddenSize)
        intermediateSize = try keys.decodeWholeNumber(forKey: .intermediateSize)
        // Absent → transformers' default; an explicit null → no projection width.
        projectionDim = keys.contains(.projectionDim)
            ? try keys.decodeWholeNumberIfPresent(forKey: .projectionDim)
            : Self.defaultProjectionDim
        numHiddenLayers = try keys.decodeWholeNumber(forKey: .numHiddenLayers)
        numAttentionHeads = try keys.decodeWholeNumber(forKey: .numAttentionHeads)
        maxPositionEmbeddings = try keys.decodeWholeNumberIfPresent(forKey: .maxPositionEmbeddings)
            ?? Self.defaultMaxPositionEmbeddings
        hiddenAct = try keys.decodeIfPresent(String.self, forKey: .hiddenAct) ?? Self.defaultHiddenAct
        layerNormEps = try keys.decodeIfPresent(Double.self, forKey: .layerNormEps) ?? Self.defaultLayerNormEps
        eosTokenId = try keys.decodeWholeNumberIfPresent(forKey: .eosTokenId) ?? Self.defaultEOSTokenID
        bosTokenId = keys.contains(.bosTokenId)
            ? try keys.decodeWholeNumberIfPresent(forKey: .bosTokenId) : Self.defaultBOSTokenID
        padTokenId = keys.contains(.padTokenId)
            ? try keys.decodeWholeNumberIfPresent(forKey: .padTokenId) : Self.defaultPadTokenID
    }
}

extension CLIPTextConfig {
    /// SDXL's first text encoder, CLIP ViT-L/14 (`text_encoder/config.json` of stable-diffusion-xl-base-1.0).
    public static let sdxlTextEncoder = CLIPTextConfig(
        vocabSize: 49_408, hiddenSize: 768, intermediateSize: 3_072, projectionDim: 768,
        numHiddenLayers: 12, numAttentionHeads: 12, maxPositionEmbeddings: 77, hiddenAct: "quick_gelu",
        layerNormEps: 1e-5, eosTokenId: 2, bosTokenId: 0, padTokenId: 1)

    /// SDXL's second text encoder, OpenCLIP ViT-bigG/14 (`text_encoder_2/config.json`, base and refiner).
    public static let sdxlTextEncoder2 = CLIPTextConfig(
        vocabSize: 49_408, hiddenSize: 1_280, intermediateSize: 5_120, projectionDim: 1_280,
        numHiddenLayers: 32, numAttentionHeads: 20, maxPositionEmbeddings: 77, hiddenAct: "gelu",
        layerNormEps: 1e-5, eosTokenId: 2, bosTokenId: 0, padTokenId: 1)

    /// Channels per attention head.
    public var headWidth: Int { hiddenSize / max(numAttentionHeads, 1) }
}
