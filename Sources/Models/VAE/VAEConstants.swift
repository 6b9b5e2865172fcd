// Fixed numbers of diffusers' VAE Encoder/Decoder (diffusers 0.42.1, models/autoencoders/vae.py)
// and DiagonalGaussianDistribution that are not in config.json.

enum VAEConstants {
    /// Every group norm of the encoder and decoder (resnet_eps and conv_norm_out eps).
    static let epsilon: Float = 1e-6
    /// DiagonalGaussianDistribution clamps the log-variance to this range.
    static let logVarianceRange: ClosedRange<Float> = -30...20
}
