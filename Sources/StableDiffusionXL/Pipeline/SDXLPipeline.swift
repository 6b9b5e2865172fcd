// The SDXL generation pipeline: the base model, optionally the refiner, and the generation entry
// point. It reproduces diffusers 0.42's StableDiffusionXLPipeline (text-to-image),
// StableDiffusionXLImg2ImgPipeline (init image, refiner) and their documented combinations
// (ensemble of experts, refining a finished image), fp32, with torch-compatible seeds.
import Imaging
import Tensors

public struct SDXLPipeline: Sendable {
    public let base: SDXLModel
    public let refiner: SDXLModel?

    public init(base: SDXLModel, refiner: SDXLModel? = nil) {
        self.base = base
        self.refiner = refiner
    }

    /// Runs one generation.
    /// - Parameters:
    ///   - initImage: the pixels of `parameters.initImage` (base img2img), read by the caller.
    ///   - onStep: called after every denoising step, with the latents and x̂0 for previews.
    ///   - shouldContinue: polled between steps and inside the UNet; returning false throws
    ///     `CancellationError`.
    public func generate(_ parameters: GenerationParameters, initImage: RGBImage? = nil,
                         onStep: (StepProgress) -> Void = { _ in },
                         shouldContinue: () -> Bool = { !Task.isCancelled }) throws -> GenerationResult {
        let plan = try plan(parameters, initImage: initImage)
        return try run(plan, initImage: initImage, onStep: onStep, shouldContinue: shouldContinue)
    }
}
