// Keeping a finished base stage so that a generation which changes only the refiner's settings
// (aesthetic scores, refiner steps or seed, refinement strength, keeping the base image) starts
// the refiner from it instead of running the base again. The result is the same as a full run:
// the base stage depends on nothing the key leaves out, and the random stream is kept as it was
// after the base, for a refiner that continues it.
import Imaging
import Schedulers
import Tensors

/// A base stage's latents and the random stream after it, with what they depended on.
public struct BaseStageOutcome: Sendable {
    public let key: BaseStageKey
    let record: StageRecord
    let random: TorchCPURandomSource
}

/// Everything the base stage of a text-to-image generation depends on.
public struct BaseStageKey: Hashable, Sendable {
    let parameters: GenerationParameters
    let size: PixelSize
    let steps: Range<Int>
    let timesteps: [Float]

    /// The key of `plan`'s base stage, or nil when it starts from a picture (whose file may
    /// change between runs).
    init?(_ plan: GenerationPlan) {
        guard plan.base.start == .noise else { return nil }
        var parameters = plan.parameters
        // The refiner's own settings: they do not reach the base stage.
        let defaults = GenerationParameters(prompt: "")
        parameters.aestheticScore = defaults.aestheticScore
        parameters.negativeAestheticScore = defaults.negativeAestheticScore
        parameters.refinerSteps = nil
        parameters.refinerSeed = nil
        parameters.keepBase = false
        // The base runs the whole schedule both without the refiner and before a refinement;
        // in an ensemble it stops at the switch, which its steps below record.
        if case .refineImage = parameters.refiner { parameters.refiner = .none }
        self.parameters = parameters
        size = plan.size
        steps = plan.base.steps
        timesteps = plan.base.timesteps
    }
}
