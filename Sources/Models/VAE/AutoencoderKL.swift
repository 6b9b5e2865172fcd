// diffusers' AutoencoderKL (diffusers 0.42.1, models/autoencoders/autoencoder_kl.py) without
// tiling or slicing: encode = encoder → quant_conv → DiagonalGaussianDistribution,
// decode = post_quant_conv → decoder. Checkpoint names: encoder.…, decoder.…, quant_conv,
// post_quant_conv. The pipeline-side scaling lives in AutoencoderKL+Scaling.swift.
import Tensors

public struct AutoencoderKL: Sendable {
    public let config: AutoencoderKLConfig
    public let encoder: VAEEncoder
    public let decoder: VAEDecoder
    /// 1×1 convolutions on the moments and on the latents; absent when the config turns them off.
    public let quantConv: Conv2d?
    public let postQuantConv: Conv2d?

    /// Builds the VAE from a validated-here `config` and weights under diffusers' names.
    /// - Parameter configPath: names the config in errors.
    public init(config: AutoencoderKLConfig, weights: WeightLoader, configPath: String = "vae/config.json") throws {
        try config.validate(path: configPath)
        self.config = config
        encoder = try VAEEncoder(weights("encoder"), config: config)
        decoder = try VAEDecoder(weights("decoder"), config: config)
        let latents = config.latentChannels
        quantConv = config.useQuantConv
            ? try Conv2d(weights("quant_conv"), inputs: 2 * latents, outputs: 2 * latents, kernel: 1)
            : nil
        postQuantConv = config.usePostQuantConv
            ? try Conv2d(weights("post_quant_conv"), inputs: latents, outputs: latents, kernel: 1)
            : nil
    }

    /// The latent size of an image of `height` × `width`: each of the levels − 1 downsamplings
    /// halves a side, rounding down.
    public func latentSize(height: Int, width: Int) -> (height: Int, width: Int) {
        let levels = config.blockOutChannels.count - 1
        return (height >> levels, width >> levels)
    }

    /// `image` [B, in_channels, H, W], values in [-1, 1] → the latent distribution [B, L, H/f, W/f].
    /// H and W must be at least f = 2^(levels − 1) (SDXL: 8); multiples of f lose no pixels.
    public func encode(_ image: Tensor) -> DiagonalGaussianDistribution {
        precondition(image.rank == 4 && image.shape[1] == config.inChannels,
                     "encode: image \(image.shape) must be [B, \(config.inChannels), H, W]")
        let factor = config.downsamplingFactor
        precondition(image.shape[2] >= factor && image.shape[3] >= factor,
                     "encode: image \(image.shape) is smaller than \(factor)×\(factor)")
        let moments = encoder(image)                                 // [B, 2L, h, w]
        return DiagonalGaussianDistribution(moments: quantConv.map { $0(moments) } ?? moments)
    }

    /// `latents` [B, L, h, w] in the VAE's own scale (already divided by the scaling factor) →
    /// image [B, out_channels, h·f, w·f], nominally in [-1, 1] (not clamped, as in diffusers).
    /// Images of a batch are decoded one after another, and each in bands of rows (`banding`),
    /// which gives the values of a whole batch at once (every operation is per image, and the
    /// norms see whole-picture statistics) and bounds memory to one image and one band.
    public func decode(_ latents: Tensor, banding: RowBanding = .standard) -> Tensor {
        precondition(latents.rank == 4 && latents.shape[1] == config.latentChannels,
                     "decode: latents \(latents.shape) must be [B, \(config.latentChannels), h, w]")
        let images = Kernels.batchItems(latents).map { item in
            decoder(postQuantConv.map { $0(item) } ?? item, banding: banding)   // [1, Cout, h·f, w·f]
        }
        return Kernels.concatBatch(images)                           // [B, Cout, h·f, w·f]
    }
}
