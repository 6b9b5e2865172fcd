// diffusers' DiagonalGaussianDistribution (diffusers 0.42.1, models/autoencoders/vae.py): the
// encoder's moments split into mean and log-variance, the log-variance clamped to [-30, 20],
// std = exp(logvar / 2). Sampling takes its standard normal noise from the caller, who draws it
// with the torch-compatible random source exactly where diffusers calls randn_tensor.
import Foundation
import Tensors

public struct DiagonalGaussianDistribution: Sendable {
    public let mean: Tensor            // [B, L, h, w]
    public let logVariance: Tensor     // [B, L, h, w], clamped
    public let standardDeviation: Tensor  // [B, L, h, w]

    /// `moments` [B, 2L, h, w]: channels 0..<L are the mean, L..<2L the log-variance.
    public init(moments: Tensor) {
        let (mean, rawLogVariance) = Kernels.channelHalves(moments)
        let logVariance = Tensor(uninitializedShape: mean.shape)
        let standardDeviation = Tensor(uninitializedShape: mean.shape)
        let range = VAEConstants.logVarianceRange
        let raw = rawLogVariance.storage.pointer
        let clamped = logVariance.storage.pointer, deviation = standardDeviation.storage.pointer
        for i in 0..<mean.count {
            let value = min(max(raw[i], range.lowerBound), range.upperBound)
            clamped[i] = value
            deviation[i] = expf(0.5 * value)
        }
        self.mean = mean
        self.logVariance = logVariance
        self.standardDeviation = standardDeviation
    }

    /// The shape of a sample, and so of the noise `sample(noise:)` needs: [B, L, h, w].
    public var shape: [Int] { mean.shape }

    /// mean + std · noise, with `noise` [B, L, h, w] standard normal (diffusers' `sample(generator)`).
    public func sample(noise: Tensor) -> Tensor {
        precondition(noise.shape == mean.shape, "sample: noise \(noise.shape) for a distribution of shape \(mean.shape)")
        let result = Tensor(uninitializedShape: mean.shape)
        let mu = mean.storage.pointer, sigma = standardDeviation.storage.pointer
        let epsilon = noise.storage.pointer, out = result.storage.pointer
        for i in 0..<result.count {
            let spread = sigma[i] * epsilon[i]
            out[i] = mu[i] + spread
        }
        return result
    }

    /// The most likely latent: the mean (diffusers' `mode()`, `sample_mode="argmax"`).
    public var mode: Tensor { mean }
}
