// The configuration of diffusers' AutoencoderKL (diffusers 0.42.1,
// models/autoencoders/autoencoder_kl.py, `AutoencoderKL.__init__`), read from a VAE
// folder's config.json. Keys a file may omit take SDXL's values (stabilityai/stable-diffusion-xl-base-1.0, vae/).
import Foundation

public struct AutoencoderKLConfig: Codable, Sendable, Equatable {
    public var inChannels: Int
    public var outChannels: Int
    public var downBlockTypes: [String]
    public var upBlockTypes: [String]
    public var blockOutChannels: [Int]
    public var layersPerBlock: Int
    public var actFn: String
    public var latentChannels: Int
    public var normNumGroups: Int
    /// One value (square) or [height, width], as diffusers accepts either.
    public var sampleSize: [Int]
    public var scalingFactor: Double
    /// Present in newer VAEs (SD3, Flux); null in SDXL. The SDXL pipelines do not read it.
    public var shiftFactor: Double?
    /// Per-channel latent statistics; when both are present the SDXL pipelines normalise with them.
    public var latentsMean: [Double]?
    public var latentsStd: [Double]?
    /// diffusers runs such a VAE in fp32 even in an fp16 pipeline; this engine always computes in
    /// fp32, so the flag is only carried along.
    public var forceUpcast: Bool
    public var useQuantConv: Bool
    public var usePostQuantConv: Bool
    public var midBlockAddAttention: Bool

    // SDXL's VAE (vae/config.json of stable-diffusion-xl-base-1.0).
    public static let defaultInChannels = 3
    public static let defaultOutChannels = 3
    public static let defaultDownBlockTypes = Array(repeating: "DownEncoderBlock2D", count: 4)
    public static let defaultUpBlockTypes = Array(repeating: "UpDecoderBlock2D", count: 4)
    public static let defaultBlockOutChannels = [128, 256, 512, 512]
    public static let defaultLayersPerBlock = 2
    public static let defaultActFn = "silu"
    public static let defaultLatentChannels = 4
    public static let defaultNormNumGroups = 32
    public static let defaultSampleSize = [1024]
    public static let defaultScalingFactor = 0.13025
    public static let defaultForceUpcast = true
    public static let defaultUseQuantConv = true
    public static let defaultUsePostQuantConv = true
    public static let defaultMidBlockAddAttention = true

    /// SDXL's VAE.
    public static let sdxl = AutoencoderKLConfig()

    public init(inChannels: Int = defaultInChannels, outChannels: Int = defaultOutChannels,
                downBlockTypes: [String] = defaultDownBlockTypes, upBlockTypes: [String] = defaultUpBlockTypes,
                blockOutChannels: [Int] = defaultBlockOutChannels, layersPerBlock: Int = defaultLayersPerBlock,
                actFn: String = defaultActFn, latentChannels: Int = defaultLatentChannels,
                normNumGroups: Int = defaultNormNumGroups, sampleSize: [Int] = defaultSampleSize,
                scalingFactor: Double = defaultScalingFactor, shiftFactor: Double? = nil,
                latentsMean: [Double]? = nil, latentsStd: [Double]? = nil,
                forceUpcast: Bool = defaultForceUpcast, useQuantConv: Bool = defaultUseQuantConv,
                usePostQuantConv: Bool = defaultUsePostQuantConv,
                midBlockAddAttention: Bool = defaultMidBlockAddAttention) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.downBlockTypes = downBlockTypes
        self.upBlockTypes = upBlockTypes
        self.blockOutChannels = blockOutChannels
        self.layersPerBlock = layersPerBlock
        self.actFn = actFn
        self.latentChannels = latentChannels
        self.normNumGroups = normNumGroups
        self.sampleSize = sampleSize
        self.scalingFactor = scalingFactor
        self.shiftFactor = shiftFactor
        self.latentsMean = latentsMean
        self.latentsStd = latentsStd
        self.forceUpcast = forceUpcast
        self.useQuantConv = useQuantConv
        self.usePostQuantConv = usePostQuantConv
        self.midBlockAddAttention = midBlockAddAttention
    }

    enum CodingKeys: String, CodingKey {
        case inChannels = "in_channels"
        case outChannels = "out_channels"
        case downBlockTypes = "down_block_types"
        case upBlockTypes = "up_block_types"
        case blockOutChannels = "block_out_channels"
        case layersPerBlock = "layers_per_block"
        case actFn = "act_fn"
        case latentChannels = "latent_channels"
        case normNumGroups = "norm_num_groups"
        case sampleSize = "sample_size"
        case scalingFactor = "scaling_factor"
        case shiftFactor = "shift_factor"
        case latentsMean = "latents_mean"
        case latentsStd = "latents_std"
        case forceUpcast = "force_upcast"
        case useQuantConv = "use_quant_conv"
        case usePostQuantConv = "use_post_quant_conv"
        case midBlockAddAttention = "mid_block_add_attention"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AutoencoderKLConfig()
        inChannels = try c.decodeWholeNumberIfPresent(forKey: .inChannels) ?? d.inChannels
        outChannels = try c.decodeWholeNumberIfPresent(forKey: .outChannels) ?? d.outChannels
        downBlockTypes = try c.decodeIfPresent([String].self, forKey: .downBlockTypes) ?? d.downBlockTypes
        upBlockTypes = try c.decodeIfPresent([String].self, forKey: .upBlockTypes) ?? d.upBlockTypes
        blockOutChannels = try c.decodeWholeNumbersIfPresent(forKey: .blockOutChannels) ?? d.blockOutChannels
        layersPerBlock = try c.decodeWholeNumberIfPresent(forKey: .layersPerBlock) ?? d.layersPerBlock
        actFn = try c.decodeIfPresent(String.self, forKey: .actFn) ?? d.actFn
        latentChannels = try c.decodeWholeNumberIfPresent(forKey: .latentChannels) ?? d.latentChannels
        normNumGroups = try c.decodeWholeNumberIfPresent(forKey: .normNumGroups) ?? d.normNumGroups
        if (try? c.decodeIfPresent(Double.self, forKey: .sampleSize)) != nil {
            sampleSize = [try c.decodeWholeNumberIfPresent(forKey: .sampleSize) ?? 0]
        } else {
            sampleSize = try c.decodeWholeNumbersIfPresent(forKey: .sampleSize) ?? d.sampleSize
        }
        scalingFactor = try c.decodeIfPresent(Double.self, forKey: .scalingFactor) ?? d.scalingFactor
        shiftFactor = try c.decodeIfPresent(Double.self, forKey: .shiftFactor)
        latentsMean = try c.decodeIfPresent([Double].self, forKey: .latentsMean)
        latentsStd = try c.decodeIfPresent([Double].self, forKey: .latentsStd)
        forceUpcast = try c.decodeIfPresent(Bool.self, forKey: .forceUpcast) ?? d.forceUpcast
        useQuantConv = try c.decodeIfPresent(Bool.self, forKey: .useQuantConv) ?? d.useQuantConv
        usePostQuantConv = try c.decodeIfPresent(Bool.self, forKey: .usePostQuantConv) ?? d.usePostQuantConv
        midBlockAddAttention = try c.decodeIfPresent(Bool.self, forKey: .midBlockAddAttention) ?? d.midBlockAddAttention
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inChannels, forKey: .inChannels)
        try c.encode(outChannels, forKey: .outChannels)
        try c.encode(downBlockTypes, forKey: .downBlockTypes)
        try c.encode(upBlockTypes, forKey: .upBlockTypes)
        try c.encode(blockOutChannels, forKey: .blockOutChannels)
        try c.encode(layersPerBlock, forKey: .layersPerBlock)
        try c.encode(actFn, forKey: .actFn)
        try c.encode(latentChannels, forKey: .latentChannels)
        try c.encode(normNumGroups, forKey: .normNumGroups)
        if sampleSize.count == 1 {
            try c.encode(sampleSize[0], forKey: .sampleSize)
        } else {
            try c.encode(sampleSize, forKey: .sampleSize)
        }
        try c.encode(scalingFactor, forKey: .scalingFactor)
        try c.encode(shiftFactor, forKey: .shiftFactor)
        try c.encode(latentsMean, forKey: .latentsMean)
        try c.encode(latentsStd, forKey: .latentsStd)
        try c.encode(forceUpcast, forKey: .forceUpcast)
        try c.encode(useQuantConv, forKey: .useQuantConv)
        try c.encode(usePostQuantConv, forKey: .usePostQuantConv)
        try c.encode(midBlockAddAttention, forKey: .midBlockAddAttention)
    }
}
