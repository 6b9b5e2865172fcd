// A generation resolved against the loaded models before any heavy work: output size, samplers,
// which steps of each schedule run, and where each stage starts. Everything that can be wrong with
// the settings for these models is found while planning.
import Imaging
import Schedulers

public struct GenerationPlan: Sendable {
    public let parameters: GenerationParameters
    /// The output size in pixels.
    public let size: PixelSize
    /// The micro-conditioning values with the defaults filled in.
    public let conditioning: MicroConditioning
    public let base: StagePlan
    public let refiner: StagePlan?

    /// Denoising steps over both stages.
    public var totalSteps: Int { base.steps.count + (refiner?.steps.count ?? 0) }
}

/// One model's part of a generation.
public struct StagePlan: Sendable {
    /// How a stage gets its first latents.
    public enum Start: Sendable, Equatable {
        /// Pure noise × init_noise_sigma (text-to-image).
        case noise
        /// A picture encoded by the VAE, then noised to the first step's level (img2img, `strength`).
        case image(strength: Double)
        /// The previous stage's latents as they are (ensemble of experts, `denoising_start`).
        case previousLatents(denoisingStart: Double)
    }

    public let stage: GenerationStage
    public let sampler: SamplerKind
    /// The schedule's length (num_inference_steps).
    public let scheduleLength: Int
    /// The indices into the schedule that this stage runs, in order.
    public let steps: Range<Int>
    public let start: Start
    /// A fresh sampler for the schedule; each run works on its own copy.
    let freshSampler: any Sampler

    /// The timesteps this stage runs.
    public var timesteps: [Float] { Array(freshSampler.timesteps[steps]) }
    /// The schedule's initial noise scale (`init_noise_sigma`).
    public var initNoiseSigma: Float { freshSampler.initNoiseSigma }
}
