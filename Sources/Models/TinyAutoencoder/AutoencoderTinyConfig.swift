// The decoder's part of the configuration of diffusers' AutoencoderTiny (diffusers 0.42.1,
// models/autoencoders/autoencoder_tiny.py, `AutoencoderTiny.__init__`), read from the model's
// config.json. Keys a file may omit take diffusers' defaults, which are TAESDXL's values
// (madebyollin/taesdxl). The encoder's keys (encoder_block_out_channels, num_encoder_blocks,
// in_channels) and the encoder-side latent_magnitude / latent_shift are not read: only the decoder
// is built.
import Foundation

public struct AutoencoderTinyConfig: Codable, Sendable, Equatable {
    /// Channels of the latents the decoder takes (4 for SD and SDXL).
    public var latentChannels: Int
    /// Channels of the decoded image.
    public var outChannels: Int
    /// Width of each decoder stage; diffusers' DecoderTiny runs only when all are equal.
    public var decoderBlockOutChannels: [Int]
    /// AutoencoderTinyBlocks in each stage (TAESDXL: 3, 3, 3, 1).
    public var numDecoderBlocks: [Int]
    public var actFn: String
    /// The upsampling mode between stages (nn.Upsample's `mode`).
    public var upsampleFn: String
    /// Each stage but the last enlarges the picture by this factor along each side.
    public var upsamplingScalingFactor: Int
    /// 1.0 for TAESD: it decodes the diffusion model's latents as they are.
    public var scalingFactor: Double
    /// Carried along; the SDXL pipelines do not read it.
    public var shiftFactor: Double

    // diffusers' AutoencoderTiny defaults, which TAESDXL uses.
    public static let defaultLatentChannels = 4
    public static let defaultOutChannels = 3
    public static let defaultDecoderBlockOutChannels = [64, 64, 64, 64]
    public static let defaultNumDecoderBlocks = [3, 3, 3, 1]
    public static let defaultActFn = "relu"
    public static let defaultUpsampleFn = "nearest"
    public static let defaultUpsamplingScalingFactor = 2
    public static let defaultScalingFactor = 1.0
    public static let defaultShiftFactor = 0.0

    /// TAESDXL (and TAESD): the configuration a lone weights file is read with.
    public static let taesdxl = AutoencoderTinyConfig()

    public init(latentChannels: Int = defaultLatentChannels, outChannels: Int = defaultOutChannels,
                decoderBlockOutChannels: [Int] = defaultDecoderBlockOutChannels,
                numDecoderBlocks: [Int] = defaultNumDecoderBlocks, actFn: String = defaultActFn,
                upsampleFn: String = defaultUpsampleFn,
                upsamplingScalingFactor: Int = defaultUpsamplingScalingFactor,
                scalingFactor: Double = defaultScalingFactor, shiftFactor: Double = defaultShiftFactor) {
        self.latentChannels = latentChannels
        self.outChannels = outChannels
        self.decoderBlockOutChannels = decoderBlockOutChannels
        self.numDecoderBlocks = numDecoderBlocks
        self.actFn = actFn
        self.upsampleFn = upsampleFn
        self.upsamplingScalingFactor = upsamplingScalingFactor
        self.scalingFactor = scalingFactor
        self.shiftFactor = shiftFactor
    }

    enum CodingKeys: String, CodingKey {
        case latentChannels = "latent_channels"
        case outChannels = "out_channels"
        case decoderBlockOutChannels = "decoder_block_out_channels"
        case numDecoderBlocks = "num_decoder_blocks"
        case actFn = "act_fn"
        case upsampleFn = "upsample_fn"
        case upsamplingScalingFactor = "upsampling_scaling_factor"
        case scalingFactor = "scaling_factor"
        case shiftFactor = "shift_factor"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = AutoencoderTinyConfig()
        latentChannels = try c.decodeWholeNumberIfPresent(forKey: .latentChannels) ?? d.latentChannels
        outChannels = try c.decodeWholeNumberIfPresent(forKey: .outChannels) ?? d.outChannels
        decoderBlockOutChannels = try c.decodeWholeNumbersIfPresent(forKey: .decoderBlockOutChannels)
            ?? d.decoderBlockOutChannels
        numDecoderBlocks = try c.decodeWholeNumbersIfPresent(forKey: .numDecoderBlocks) ?? d.numDecoderBlocks
        actFn = try c.decodeIfPresent(String.self, forKey: .actFn) ?? d.actFn
        upsampleFn = try c.decodeIfPresent(String.self, forKey: .upsampleFn) ?? d.upsampleFn
        upsamplingScalingFactor = try c.decodeWholeNumberIfPresent(forKey: .upsamplingScalingFactor)
            ?? d.upsamplingScalingFactor
        scalingFactor = try c.decodeIfPresent(Double.self, forKey: .scalingFactor) ?? d.scalingFactor
        shiftFactor = try c.decodeIfPresent(Double.self, forKey: .shiftFactor) ?? d.shiftFactor
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(latentChannels, forKey: .latentChannels)
        try c.encode(outChannels, forKey: .outChannels)
        try c.encode(decoderBlockOutChannels, forKey: .decoderBlockOutChannels)
        try c.encode(numDecoderBlocks, forKey: .numDecoderBlocks)
        try c.encode(actFn, forKey: .actFn)
        try c.encode(upsampleFn, forKey: .upsampleFn)
        try c.encode(upsamplingScalingFactor, forKey: .upsamplingScalingFactor)
        try c.encode(scalingFactor, forKey: .scalingFactor)
        try c.encode(shiftFactor, forKey: .shiftFactor)
    }
}
