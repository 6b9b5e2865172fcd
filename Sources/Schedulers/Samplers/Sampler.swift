// The sampler interface the SDXL pipelines drive: a schedule of timesteps for a chosen number of
// steps, input scaling, one update per step, and noising for img2img. It mirrors how
// pipeline_stable_diffusion_xl(_img2img).py (diffusers 0.42.1) call a scheduler:
// set_timesteps → set_begin_index → scale_model_input / step per timestep → add_noise.
import Tensors

/// The result of one sampler update.
public struct SamplerStep: Sendable {
    /// x_{t-1}: the latent to feed to the next step.  // [B, C, H, W]
    public var previousSample: Tensor
    /// x̂₀: the sampler's estimate of the clean latent at this step, for previews.  // [B, C, H, W]
    public var predictedOriginal: Tensor
}

public protocol Sampler: Sendable {
    /// Which named sampler this is.
    var kind: SamplerKind { get }
    /// num_train_timesteps of the model's schedule (denoising_start / denoising_end cut-offs use it).
    var trainTimesteps: Int { get }
    /// The timestep the UNet receives at each step, highest noise first.
    var timesteps: [Float] { get }
    /// Standard deviation of the initial noise: initial latents = N(0, 1) × initNoiseSigma.
    var initNoiseSigma: Float { get }

    /// The UNet input for step `stepIndex` (an index into `timesteps`).
    func scaleModelInput(_ sample: Tensor, stepIndex: Int) -> Tensor

    /// One update from the model output at `stepIndex`. Steps must run in order, from the first
    /// index of the chosen step range; multistep samplers keep history between calls.
    mutating func step<R: RandomSource>(modelOutput: Tensor, stepIndex: Int, sample: Tensor,
                                        random: inout R) -> SamplerStep

    /// Noises a clean latent to the noise level of step `stepIndex` (img2img starts there).
    func addNoise(to original: Tensor, noise: Tensor, stepIndex: Int) -> Tensor
}
