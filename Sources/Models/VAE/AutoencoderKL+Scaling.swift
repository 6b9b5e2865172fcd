// The latent scaling the SDXL pipelines apply around the VAE (diffusers 0.42.1,
// pipelines/stable_diffusion_xl/pipeline_stable_diffusion_xl.py `__call__` before vae.decode,
// and pipeline_stable_diffusion_xl_img2img.py `prepare_latents` + `retrieve_latents`):
// - decode side: latents · latents_std / scaling_factor + latents_mean when the config has both
//   statistics, otherwise latents / scaling_factor;
// - encode side: (sample − latents_mean) · scaling_factor / latents_std, otherwise
//   scaling_factor · sample.
// Those pipelines never read shift_factor (null for SDXL's VAE), so neither does this; the
// operations keep diffusers' order so each step rounds as float32 does there.
import Tensors

extension AutoencoderKL {
    /// Per-channel statistics, used only when both are present (as the pipelines check).
    var latentStatistics: (mean: [Float], std: [Float])? {
        guard let mean = config.latentsMean, let std = config.latentsStd else { return nil }
        return (mean.map { Float($0) }, std.map { Float($0) })
    }

    /// The diffusion model's latents [B, L, h, w] → the VAE's own scale (what `decode` takes).
    public func unscale(_ latents: Tensor) -> Tensor {
        let factor = Float(config.scalingFactor)
        if let statistics = latentStatistics {
            return Self.perChannel(latents) { value, channel in
                value * statistics.std[channel] / factor + statistics.mean[channel]
            }
        }
        return Self.perChannel(latents) { value, _ in value / factor }
    }

    /// The VAE's latents [B, L, h, w] → the diffusion model's scale (what the UNet sees).
    public func scale(_ latents: Tensor) -> Tensor {
        let factor = Float(config.scalingFactor)
        if let statistics = latentStatistics {
            return Self.perChannel(latents) { value, channel in
                (value - statistics.mean[channel]) * factor / statistics.std[channel]
            }
        }
        return Self.perChannel(latents) { value, _ in factor * value }
    }

    /// The SDXL pipelines' final decode: unscale the denoised latents [B, L, h, w], then decode
    /// → image [B, out_channels, H, W] in about [-1, 1].
    public func decodeScaled(_ latents: Tensor) -> Tensor {
        decode(unscale(latents))
    }

    /// img2img's initial latents (`retrieve_latents(vae.encode(image), generator)` with
    /// sample_mode "sample", then scaled): `noise` is called once with the sample shape
    /// [B, L, h, w] and must return standard normal values drawn from the job's torch-compatible
    /// random source, at the point where diffusers draws them (after encoding, before add_noise).
    public func encodeScaled(_ image: Tensor, noise: (_ shape: [Int]) -> Tensor) -> Tensor {
        let distribution = encode(image)
        return scale(distribution.sample(noise: noise(distribution.shape)))
    }

    /// The same with sample_mode "argmax": the distribution's mean, scaled; draws no noise.
    public func encodeScaledMode(_ image: Tensor) -> Tensor {
        scale(encode(image).mode)
    }

    /// Applies `transform(value, channel)` to every element of `x` [B, C, ...].
    static func perChannel(_ x: Tensor, _ transform: (Float, Int) -> Float) -> Tensor {
        precondition(x.rank >= 2, "latents \(x.shape) must be [B, C, ...]")
        let channels = x.shape[1]
        let plane = x.count / max(x.shape[0] * channels, 1)
        let result = Tensor(uninitializedShape: x.shape)
        let source = x.storage.pointer, destination = result.storage.pointer
        for planeIndex in 0..<(x.shape[0] * channels) {
            let channel = planeIndex % channels
            for i in (planeIndex * plane)..<((planeIndex + 1) * plane) {
                destination[i] = transform(source[i], channel)
            }
        }
        return result
    }
}
