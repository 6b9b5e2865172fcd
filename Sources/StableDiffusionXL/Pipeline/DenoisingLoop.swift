// The denoising loop of diffusers 0.42's SDXL pipelines (pipeline_stable_diffusion_xl.py §8,
// pipeline_stable_diffusion_xl_img2img.py §9): per timestep, scale the latents, run the UNet on the
// [negative, positive] batch, apply guidance, and step the sampler. The prompt side of cross-attention
// is projected once per stage, since it does not change between steps.
import Models
import Schedulers
import Tensors

struct DenoisingLoop {
    let stage: GenerationStage
    let unet: UNet2DConditionModel
    let conditioning: UNetConditioning
    let guidance: ClassifierFreeGuidance?
    let steps: Range<Int>
    var sampler: any Sampler

    /// Runs the steps from `latents` and returns the final latents. `completedBefore` and `total`
    /// count steps over the whole generation, for progress.
    mutating func run<R: RandomSource>(from latents: Tensor, random: inout R, completedBefore: Int, total: Int,
                                       onStep: (StepProgress) -> Void,
                                       shouldContinue: () -> Bool) throws -> Tensor {
        let context = try unet.crossAttentionContext(for: conditioning.promptEmbeds)
        var latents = latents                                                     // [1, 4, h, w]
        for (position, index) in steps.enumerated() {
            guard shouldContinue() else { throw CancellationError() }
            let timestep = sampler.timesteps[index]
            let scaled = sampler.scaleModelInput(latents, stepIndex: index)
            let input = guidance == nil ? scaled : Kernels.concatBatch([scaled, scaled])  // [B, 4, h, w]
            let output = try unet(sample: input, timesteps: [timestep], context: context,
                                  textEmbeds: conditioning.textEmbeds, timeIds: conditioning.timeIds,
                                  shouldContinue: shouldContinue)                 // [B, 4, h, w]
            let noise = guidance.map { $0(output) } ?? output                      // [1, 4, h, w]
            let result = sampler.step(modelOutput: noise, stepIndex: index, sample: latents, random: &random)
            if let bad = result.previousSample.firstNonFinite {
                throw GenerationError.nonFiniteLatents(stage: stage, step: position, value: bad)
            }
            latents = result.previousSample
            onStep(StepProgress(stage: stage, stageStep: position, stageStepCount: steps.count,
                                completedSteps: completedBefore + position + 1, totalSteps: total,
                                timestep: timestep, latents: latents, predictedOriginal: result.predictedOriginal))
        }
        return latents
    }
}
