// What a running generation reports after each denoising step: where it is, and the latents a
// preview can show (the current noisy latents and the sampler's estimate of the clean result, x̂0).
import Tensors

public struct StepProgress: Sendable {
    public let stage: GenerationStage
    /// 0-based index of this step within its stage, and the number of steps the stage runs.
    public let stageStep: Int
    public let stageStepCount: Int
    /// Steps finished so far over the whole generation (base and refiner), and their total.
    public let completedSteps: Int
    public let totalSteps: Int
    /// The timestep the UNet saw at this step.
    public let timestep: Float
    /// x_{t−1}, the latents after this step.  // [1, 4, h, w]
    public let latents: Tensor
    /// x̂0, the clean latents predicted at this step (for previews).  // [1, 4, h, w]
    public let predictedOriginal: Tensor
}
