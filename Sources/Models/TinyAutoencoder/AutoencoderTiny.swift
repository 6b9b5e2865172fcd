// diffusers' AutoencoderTiny (diffusers 0.42.1, models/autoencoders/autoencoder_tiny.py), the
// decoder only, without tiling or slicing: decode = decoder. This is the class TAESD and TAESDXL
// (madebyollin/taesd, madebyollin/taesdxl) are published as; the engine uses it for cheap previews.
// Checkpoint names: decoder.layers.N…; the encoder's weights, when present, are ignored.
import Tensors

public struct AutoencoderTiny: Sendable {
    public let config: AutoencoderTinyConfig
    public let decoder: TinyDecoder

    /// Builds the decoder from `config` (validated here) and weights under diffusers' names.
    /// - Parameter configPath: names the config in errors.
    public init(config: AutoencoderTinyConfig, weights: WeightLoader,
                configPath: String = "config.json") throws {
        try config.validate(path: configPath)
        self.config = config
        decoder = try TinyDecoder(weights("decoder"), config: config)
    }

    /// How many image pixels one latent pixel becomes along each side (8 for TAESDXL).
    public var upsamplingFactor: Int { config.upsamplingFactor }

    /// `latents` [B, L, h, w] in the tiny autoencoder's own scale → image [B, out_channels, h·f, w·f],
    /// nominally in [-1, 1] and not clamped (as in diffusers, and as `AutoencoderKL.decode` returns
    /// it). TAESD's scaling factor is 1, so its own scale is the diffusion model's: the latents a
    /// sampler holds go in as they are (see `decodeScaled`).
    /// Images of a batch are decoded one after another, which gives the values of a whole batch
    /// (every operation is per image) and bounds memory to one image.
    public func decode(_ latents: Tensor) -> Tensor {
        precondition(latents.rank == 4 && latents.shape[1] == config.latentChannels,
                     "decode: latents \(latents.shape) must be [B, \(config.latentChannels), h, w]")
        let images = Kernels.batchItems(latents).map { decoder($0) }    // [1, Cout, h·f, w·f] each
        return Kernels.concatBatch(images)                               // [B, Cout, h·f, w·f]
    }

    /// The SDXL pipelines' decode with this model as their VAE: the diffusion model's latents
    /// divided by scaling_factor (AutoencoderTiny has no latents_mean / latents_std), then decoded.
    public func decodeScaled(_ latents: Tensor) -> Tensor {
        let factor = Float(config.scalingFactor)
        return decode(factor == 1 ? latents : Kernels.divide(latents, by: factor))
    }
}
