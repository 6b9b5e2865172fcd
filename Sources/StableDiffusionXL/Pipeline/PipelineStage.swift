// The phases of one generation as `SDXLPipeline.run` goes through them, reported as each begins,
// so a caller can time them and show what is happening between denoising steps.

/// A phase of a running generation.
public enum PipelineStage: Sendable, Equatable {
    /// A picture goes through the VAE encoder (img2img's init image, or the base image the
    /// refiner repaints).
    case encodingImage(GenerationStage)
    /// The prompts go through the stage model's text encoders (or come from the caller's
    /// `TextConditioningSource`).
    case encodingPrompt(GenerationStage)
    /// The stage's denoising loop, of `steps` steps.
    case denoising(GenerationStage, steps: Int)
    /// Latents go through the VAE decoder (the stage names whose latents).
    case decoding(GenerationStage)
}
