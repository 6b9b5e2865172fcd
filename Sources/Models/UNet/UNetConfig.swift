// The config of diffusers' UNet2DConditionModel (diffusers 0.42.1,
// diffusers/models/unets/unet_2d_condition.py, `__init__` arguments), decoded from unet/config.json.
// Every key diffusers reads is kept as written, so that validation can name the one it refuses;
// `UNetConfig.layout(path:)` turns the keys into the network's shape.

/// `unet/config.json` of an SDXL-family UNet (SDXL base, refiner, SSD-1B, Segmind Vega).
///
/// Keys that decide the architecture must be present. Keys that SDXL configs always write, but
/// that may be missing from a hand-made config, take diffusers' defaults, which are SDXL's values.
public struct UNetConfig: Sendable, Equatable {
    // Architecture: required.
    public var blockOutChannels: [Int]
    public var downBlockTypes: [String]
    public var upBlockTypes: [String]
    /// nil when the config says `null` (no middle block).
    public var midBlockType: String?
    public var layersPerBlock: PerBlockValue<Int>
    public var transformerLayersPerBlock: TransformerLayersPerBlock
    /// One entry per up block, deepest first; nil means the reverse of `transformerLayersPerBlock`.
    public var reverseTransformerLayersPerBlock: [TransformerDepth]?
    /// Despite its name, diffusers reads this as the number of heads (see `layout(path:)`).
    public var attentionHeadDim: PerBlockValue<Int>
    public var numAttentionHeads: PerBlockValue<Int>?
    public var crossAttentionDim: PerBlockValue<Int>
    public var useLinearProjection: Bool
    public var additionEmbedType: String?
    public var additionTimeEmbedDim: Int?
    public var projectionClassEmbeddingsInputDim: Int?

    // Keys with defaults (diffusers' defaults, equal to SDXL's values).
    public var inChannels: Int
    public var outChannels: Int
    /// nil when the config says `null` (diffusers then drops the output norm; refused here).
    public var normNumGroups: Int?
    public var normEps: Double
    public var flipSinToCos: Bool
    public var freqShift: Double
    public var timeEmbeddingType: String
    public var timeEmbeddingDim: Int?
    public var actFn: String
    public var upcastAttention: Bool?
    public var sampleSize: SampleSize?
    public var dropout: Double
    public var additionEmbedTypeNumHeads: Int

    // Features SDXL does not use; present so that a config using them is refused by name.
    public var centerInputSample: Bool
    public var onlyCrossAttention: PerBlockValue<Bool>
    public var midBlockOnlyCrossAttention: Bool?
    public var dualCrossAttention: Bool
    public var downsamplePadding: Int
    public var midBlockScaleFactor: Double
    public var resnetOutScaleFactor: Double
    public var resnetTimeScaleShift: String
    public var resnetSkipTimeAct: Bool
    public var classEmbedType: String?
    public var numClassEmbeds: Int?
    public var classEmbeddingsConcat: Bool
    public var encoderHidDim: Int?
    public var encoderHidDimType: String?
    public var timeEmbeddingActFn: String?
    public var timestepPostAct: String?
    public var timeCondProjDim: Int?
    public var convInKernel: Int
    public var convOutKernel: Int
    public var attentionType: String
    public var crossAttentionNorm: String?
    /// The `_class_name` diffusers wrote, when present.
    public var className: String?

    /// Defaults for keys that may be absent: diffusers' `__init__` defaults, which SDXL shares.
    public enum Defaults {
        public static let midBlockType: String? = "UNetMidBlock2DCrossAttn"
        public static let inChannels = 4
        public static let outChannels = 4
        public static let normNumGroups: Int? = 32
        public static let normEps = 1e-5
        public static let flipSinToCos = true
        public static let freqShift = 0.0
        public static let timeEmbeddingType = "positional"
        public static let actFn = "silu"
        public static let additionEmbedTypeNumHeads = 64
        public static let downsamplePadding = 1
        public static let scaleFactor = 1.0
        public static let resnetTimeScaleShift = "default"
        public static let convKernel = 3
        public static let attentionType = "default"
    }
}
