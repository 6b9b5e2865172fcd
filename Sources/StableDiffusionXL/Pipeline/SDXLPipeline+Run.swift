// Running a planned generation: the base stage, then the refiner stage when planned, then the VAE.
// Random numbers are drawn where diffusers 0.42 draws them, from one torch-compatible stream:
// the initial noise (prepare_latents → randn_tensor), or for img2img the VAE posterior sample
// (retrieve_latents → latent_dist.sample) followed by the noise for add_noise; then whatever the
// sampler draws per step (Euler ancestral).
import Imaging
import Models
import Schedulers
import Tensors

extension SDXLPipeline {
    /// Runs `plan` (from `plan(_:initImage:)`, with the same init image).
    /// - Parameters:
    ///   - onStage: called as each phase begins (image encoding, prompt encoding, denoising,
    ///     decoding), on the calling thread.
    ///   - textConditioning: where each stage's prompt embeddings come from; nil encodes them with
    ///     the stage model's text encoders. A source must give what the model's own encoders would.
    ///   - earlierBase: the base stage of an earlier run; used instead of running the base again
    ///     when the refiner runs and the key matches this plan's (only the refiner's settings
    ///     changed). A run without the refiner always runs its base, with its steps and previews.
    ///   - onBaseFinished: receives this run's base stage, for a later run to reuse.
    public func run(_ plan: GenerationPlan, initImage: RGBImage? = nil,
                    onStep: (StepProgress) -> Void = { _ in },
                    shouldContinue: () -> Bool = { !Task.isCancelled },
                    onStage: (PipelineStage) -> Void = { _ in },
                    textConditioning: TextConditioningSource? = nil,
                    earlierBase: BaseStageOutcome? = nil,
                    onBaseFinished: (BaseStageOutcome) -> Void = { _ in }) throws -> GenerationResult {
        let parameters = plan.parameters
        var random = TorchCPURandomSource(seed: parameters.seed)
        let baseRecord: StageRecord
        let baseKey = BaseStageKey(plan)
        if plan.refiner != nil, let earlierBase, let baseKey, earlierBase.key == baseKey {
            baseRecord = earlierBase.record
            random = earlierBase.random
        } else {
            baseRecord = try runBase(plan, initImage: initImage, random: &random, onStep: onStep,
                                     shouldContinue: shouldContinue, onStage: onStage, textConditioning: textConditioning)
            if let baseKey { onBaseFinished(BaseStageOutcome(key: baseKey, record: baseRecord, random: random)) }
        }
        return try finish(plan, baseRecord: baseRecord, random: random, onStep: onStep, shouldContinue: shouldContinue,
                          onStage: onStage, textConditioning: textConditioning)
    }

    /// The base stage, from noise or from the init image.
    private func runBase(_ plan: GenerationPlan, initImage: RGBImage?, random: inout TorchCPURandomSource,
                         onStep: (StepProgress) -> Void, shouldContinue: () -> Bool,
                         onStage: (PipelineStage) -> Void, textConditioning: TextConditioningSource?) throws -> StageRecord {
        let parameters = plan.parameters
        let latentShape = [1, base.vae.config.latentChannels,
                           plan.size.height / base.vaeScaleFactor, plan.size.width / base.vaeScaleFactor]
        let baseInitial: Tensor
        switch plan.base.start {
        case .noise:
            let noise = random.standardNormal(shape: latentShape)
            baseInitial = Kernels.scale(noise, by: plan.base.initNoiseSigma)
        case .image:
            guard let initImage else {
                throw GenerationError.initImageMissing(path: parameters.initImage?.path ?? "")
            }
            guard initImage.width == plan.size.width, initImage.height == plan.size.height else {
                throw GenerationError.initImageSize(width: initImage.width, height: initImage.height,
                                                    reason: "the plan was made for a \(plan.size) picture; plan again with this one")
            }
            let pixels = Tensor(shape: [1, 3, initImage.height, initImage.width], scalars: initImage.normalizedPlanar())
            onStage(.encodingImage(.base))
            baseInitial = try noisedImageLatents(pixels, model: base, stage: plan.base, random: &random)
        case .previousLatents:
            throw GenerationError.incompatibleComponents("the base stage cannot continue from earlier latents")
        }
        return try runStage(plan.base, model: base, plan: plan, initial: baseInitial, random: &random,
                            completedBefore: 0, onStage: onStage,
                            textConditioning: textConditioning, onStep: onStep,
                            shouldContinue: shouldContinue)
    }

    /// After the base stage: the refiner stage when planned, and the decoding.
    private func finish(_ plan: GenerationPlan, baseRecord: StageRecord, random: TorchCPURandomSource,
                        onStep: (StepProgress) -> Void, shouldContinue: () -> Bool,
                        onStage: (PipelineStage) -> Void, textConditioning: TextConditioningSource?) throws -> GenerationResult {
        let parameters = plan.parameters
        guard let refinerPlan = plan.refiner, let refiner else {
            guard shouldContinue() else { throw CancellationError() }
            onStage(.decoding(.base))
            let image = try decode(baseRecord.finalLatents, model: base, stage: .base)
            return GenerationResult(plan: plan, image: image, baseImage: nil, stages: [baseRecord])
        }

        var refinerRandom = parameters.refinerSeed.map { TorchCPURandomSource(seed: $0) } ?? random
        var baseImage: DecodedImage?
        let refinerInitial: Tensor
        switch refinerPlan.start {
        case .previousLatents:
            refinerInitial = baseRecord.finalLatents
        case .image:
            guard shouldContinue() else { throw CancellationError() }
            onStage(.decoding(.base))
            let decoded = try decode(baseRecord.finalLatents, model: base, stage: .base)
            baseImage = decoded
            onStage(.encodingImage(.refiner))
            refinerInitial = try noisedImageLatents(decoded.renormalized(), model: refiner, stage: refinerPlan,
                                                    random: &refinerRandom)
        case .noise:
            throw GenerationError.incompatibleComponents("the refiner stage needs a picture or the base latents")
        }
        let refinerRecord = try runStage(refinerPlan, model: refiner, plan: plan, initial: refinerInitial,
                                         random: &refinerRandom, completedBefore: plan.base.steps.count,
                                         onStage: onStage, textConditioning: textConditioning,
                                         onStep: onStep, shouldContinue: shouldContinue)
        guard shouldContinue() else { throw CancellationError() }
        onStage(.decoding(.refiner))
        let image = try decode(refinerRecord.finalLatents, model: refiner, stage: .refiner)
        if parameters.keepBase && baseImage == nil {
            guard shouldContinue() else { throw CancellationError() }
            onStage(.decoding(.base))
            baseImage = try decode(baseRecord.finalLatents, model: base, stage: .base)
        }
        return GenerationResult(plan: plan, image: image, baseImage: parameters.keepBase ? baseImage : nil,
                                stages: [baseRecord, refinerRecord])
    }

    /// Encodes the conditioning and runs one stage's denoising loop.
    private func runStage<R: RandomSource>(_ stagePlan: StagePlan, model: SDXLModel, plan: GenerationPlan,
                                           initial: Tensor, random: inout R, completedBefore: Int,
                                           onStage: (PipelineStage) -> Void,
                                           textConditioning: TextConditioningSource?,
                                           onStep: (StepProgress) -> Void,
                                           shouldContinue: () -> Bool) throws -> StageRecord {
        guard shouldContinue() else { throw CancellationError() }
        let imageToImage = stagePlan.start != .noise
        let timeIds = plan.conditioning.timeIds(for: model, imageToImage: imageToImage)
        onStage(.encodingPrompt(stagePlan.stage))
        let text = try textConditioning?(stagePlan.stage, model, plan.parameters)
            ?? model.textConditioning(for: plan.parameters)
        let conditioning = UNetConditioning(text, timeIds: timeIds)
        let guidance = plan.parameters.usesClassifierFreeGuidance
            ? ClassifierFreeGuidance(scale: plan.parameters.guidanceScale, rescale: plan.parameters.guidanceRescale)
            : nil
        guard shouldContinue() else { throw CancellationError() }
        onStage(.denoising(stagePlan.stage, steps: stagePlan.steps.count))
        var loop = DenoisingLoop(stage: stagePlan.stage, unet: model.unet, conditioning: conditioning,
                                 guidance: guidance, steps: stagePlan.steps, sampler: stagePlan.freshSampler)
        let final = try loop.run(from: initial, random: &random, completedBefore: completedBefore,
                                 total: plan.totalSteps, onStep: onStep, shouldContinue: shouldContinue)
        return StageRecord(stage: stagePlan.stage, timesteps: stagePlan.timesteps, conditioning: conditioning,
                           initialLatents: initial, finalLatents: final)
    }

    /// img2img's first latents (StableDiffusionXLImg2ImgPipeline.prepare_latents): the VAE posterior
    /// sampled with the stream's next draw, scaled, then noised to the first step's level with the
    /// draw after it.
    private func noisedImageLatents<R: RandomSource>(_ pixels: Tensor, model: SDXLModel, stage: StagePlan,
                                                     random: inout R) throws -> Tensor {
        let encoded = model.vae.encodeScaled(pixels) { shape in random.standardNormal(shape: shape) }  // [1, 4, h, w]
        let noise = random.standardNormal(shape: encoded.shape)
        let noised = stage.freshSampler.addNoise(to: encoded, noise: noise, stepIndex: stage.steps.lowerBound)
        if let bad = noised.firstNonFinite {
            throw GenerationError.nonFiniteLatents(stage: stage.stage, step: -1, value: bad)
        }
        return noised
    }

    /// The VAE decode of the pipelines' last section, refusing NaN or infinity.
    private func decode(_ latents: Tensor, model: SDXLModel, stage: GenerationStage) throws -> DecodedImage {
        // The buffers kept for the UNet's next step fit nothing the VAE makes: give them back first.
        BufferPool.shared.trim()
        let pixels = model.vae.decodeScaled(latents)                                   // [1, 3, H, W]
        if let bad = pixels.firstNonFinite { throw GenerationError.nonFiniteImage(stage: stage, value: bad) }
        return DecodedImage(stage: stage, latents: latents, pixels: pixels)
    }
}
