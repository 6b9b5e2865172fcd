import Imaging
import Models
import StableDiffusionXL
import Tensors

/// Runs `GenerationWork` on the SDXL pipeline for a `JobQueue`: models come from the `ModelHost`,
/// each denoising step is reported with its ETA, previews of the predicted clean latents (x̂0)
/// are made as the `PreviewPolicy` allows (the latent RGB approximation, TAESDXL when given, or
/// the model's VAE on x̂0 averaged down by `vaePreviewDownscale`), and cancellation is polled by the pipeline between
/// steps and inside the UNet.
///
/// Stages follow the pipeline's own phases (`PipelineStage`): loading, prompt encoding (from the
/// host's embedding cache when the prompts were encoded before), image encoding, each model's
/// denoising steps, and decoding, each timed from its real start.
public struct PipelineRunner: JobRunner {
    public let host: ModelHost
    /// The latent-to-RGB map for previews (SDXL's published one unless the model needs another).
    public let previewFactors: LatentRGBFactors
    /// VAE previews decode x̂0 averaged over blocks of this many latent pixels per side
    /// (2: a quarter of the pixels, about a quarter of the cost).
    public let vaePreviewDownscale: Int
    /// TAESDXL, offered to the preview policy when given.
    public let tinyAutoencoder: AutoencoderTiny?
    /// How much memory a job may count on; a job that would not fit is refused before it runs.
    public let memoryLimit: MemoryLimit

    public init(host: ModelHost, previewFactors: LatentRGBFactors = .sdxl, vaePreviewDownscale: Int = 2,
                tinyAutoencoder: AutoencoderTiny? = nil, memoryLimit: MemoryLimit = .machine) {
        self.memoryLimit = memoryLimit
        self.host = host
        self.previewFactors = previewFactors
        self.vaePreviewDownscale = max(vaePreviewDownscale, 1)
        self.tinyAutoencoder = tinyAutoencoder
    }

    /// TAESDXL's cost in steps before it has been measured: about 0.55 TFLOP for a 1024² picture
    /// against 6.3 TFLOP for one UNet pass at that size, so under a tenth of a pass.
    func tinyAutoencoderEstimate(guided: Bool) -> PreviewCostEstimate {
        .stepFraction(0.09 / (guided ? 2.0 : 1.0))
    }

    /// The VAE preview's cost in steps before it has been measured: the SDXL VAE decoder costs
    /// about 1.5 UNet forward passes at the same size (DESIGN §4), a step is one pass per
    /// guidance branch, and averaging down divides the pixels by the square of the factor.
    func vaePreviewEstimate(guided: Bool) -> PreviewCostEstimate {
        let passesPerStep = guided ? 2.0 : 1.0
        return .stepFraction(1.5 / passesPerStep / Double(vaePreviewDownscale * vaePreviewDownscale))
    }

    public func run(_ work: GenerationWork, context: JobContext) throws -> JobProduct {
        context.beginStage(.loading)
        let pipeline = try host.pipeline(for: work.models, withRefiner: work.parameters.refiner.usesRefiner)
        try context.checkCancellation()
        let plan = try pipeline.plan(work.parameters, initImage: work.initImage)
        let activations = try memoryLimit.check(plan, pipeline: pipeline)
        let guided = work.parameters.usesClassifierFreeGuidance
        var decoders: [PreviewDecoderKind: PreviewCostEstimate] = [.latentRGB: .seconds(0), .vae: vaePreviewEstimate(guided: guided)]
        if tinyAutoencoder != nil { decoders[.tinyAutoencoder] = tinyAutoencoderEstimate(guided: guided) }
        context.configurePreviews(available: decoders)

        var current = JobStage.loading
        var previewFailure: (any Error)?
        let result = try pipeline.run(plan, initImage: work.initImage, onStep: { progress in
            context.completeStep()
            let step = progress.stageStep + 1
            guard previewFailure == nil, let decoder = context.previewDecoder(afterStep: step) else { return }
            do {
                let model = progress.stage == .refiner ? pipeline.refiner ?? pipeline.base : pipeline.base
                try context.emitPreview(using: decoder, step: step) {
                    try preview(progress.predictedOriginal, with: decoder, vae: model.vae)
                }
            } catch {
                previewFailure = error
                context.warn("previews stopped: \(error)")
            }
        }, shouldContinue: context.shouldContinue, onStage: { phase in
            applyMemoryUse(during: phase, pipeline: pipeline, activations: activations)
            let (stage, steps) = Self.jobStage(phase)
            // Back-to-back decodes (the refined image, then the kept base image) are one stage.
            guard stage != current || steps > 0 else { return }
            current = stage
            context.beginStage(stage, steps: steps)
        }, textConditioning: host.textConditioningSource(for: work.models),
        earlierBase: host.earlierBase(for: work.models),
        onBaseFinished: { host.keepBase($0, for: work.models) })

        var images = [JobImage(image: try result.image.rgbImage(), text: work.pngText)]
        if let base = result.baseImage {
            images.append(JobImage(image: try base.rgbImage(), label: "base", text: work.pngText))
        }
        return JobProduct(images: images)
    }

    /// Applies `memoryUse(during:)`: idle weights give their pages back, the pool gets its budget.
    private func applyMemoryUse(during phase: PipelineStage, pipeline: SDXLPipeline,
                                activations: ActivationMemory) {
        guard let use = Self.memoryUse(during: phase, pipeline: pipeline, activations: activations,
                                       limit: memoryLimit) else { return }
        for weights in use.released { weights.releaseResidentPages() }
        BufferPool.shared.setBudget(use.poolBudget)
    }

    /// What a phase does about memory.
    struct PhaseMemoryUse {
        /// Weights that give their resident pages back for the phase.
        let released: [MappedWeights]
        /// Bytes the buffer pool may keep during the phase.
        let poolBudget: Int
    }

    /// Weights that wait while a phase runs give their half-precision pages back when memory is
    /// short for the phase: the text encoders once a stage denoises (and the base UNet in the
    /// refiner stage), every UNet while the VAE decodes. The phase needs its own model's weights,
    /// counted whole whether resident yet or not, and its activations. The next use reads the
    /// pages again, usually from the page cache. The buffer pool, too, keeps only
    /// `shortMemoryPoolBudget` while memory is short, and its standard budget otherwise.
    /// Nil for the phases that change nothing (encoding).
    static func memoryUse(during phase: PipelineStage, pipeline: SDXLPipeline, activations: ActivationMemory,
                          limit: MemoryLimit) -> PhaseMemoryUse? {
        let encoders = pipeline.base.textEncoderWeights + (pipeline.refiner?.textEncoderWeights ?? [])
        let unets = [pipeline.base.unet.mappedWeights] + (pipeline.refiner.map { [$0.unet.mappedWeights] } ?? [])
        let needed: Int, idle: [MappedWeights]
        switch phase {
        case .denoising(.base, _):
            (needed, idle) = (pipeline.base.unet.mappedWeights.bytes + activations.peak, encoders)
        case .denoising(.refiner, _):
            let unet = (pipeline.refiner ?? pipeline.base).unet.mappedWeights
            (needed, idle) = (unet.bytes + activations.peak, encoders + unets.filter { $0 !== unet })
        case .decoding:
            (needed, idle) = (activations.decodingPeak, encoders + unets)
        case .encodingPrompt, .encodingImage:
            return nil
        }
        let short = limit.isShort(needing: needed, keeping: idle.reduce(0) { $0 + $1.bytes })
        return PhaseMemoryUse(released: short ? idle : [],
                              poolBudget: short ? shortMemoryPoolBudget : BufferPool.standardBudget)
    }

    /// The buffer pool's budget while memory is short: enough for the small, frequent buffers of a
    /// step, not for idle copies of every level's activations.
    static let shortMemoryPoolBudget = 256 << 20

    /// The job stage of a pipeline phase, with its step count.
    static func jobStage(_ phase: PipelineStage) -> (JobStage, steps: Int) {
        switch phase {
        case .encodingPrompt: return (.textEncoding, 0)
        case .encodingImage: return (.imageEncoding, 0)
        case let .denoising(stage, steps): return (stage == .refiner ? .refiner : .base, steps)
        case .decoding: return (.decoding, 0)
        }
    }

    /// A picture of `latents` [1, 4, h, w] made by `decoder`.
    private func preview(_ latents: Tensor, with decoder: PreviewDecoderKind, vae: AutoencoderKL) throws -> RGBImage {
        switch decoder {
        case .vae:
            let pixels = vae.decodeScaled(latents.averagePooled(by: vaePreviewDownscale))  // [1, 3, H', W']
            return try pixels.withUnsafeBufferPointer {
                try RGBImage(normalizedPlanar: $0, width: pixels.shape[3], height: pixels.shape[2])
            }
        case .tinyAutoencoder:
            guard let tinyAutoencoder else { throw JobsError.previewDecoderMissing(decoder) }
            // TAESD's scaling factor is 1: it decodes the sampler's latents as they are.
            let pixels = tinyAutoencoder.decode(latents)                               // [1, 3, 8h, 8w]
            return try pixels.withUnsafeBufferPointer {
                try RGBImage(normalizedPlanar: $0, width: pixels.shape[3], height: pixels.shape[2])
            }
        case .latentRGB:
            return try latents.withUnsafeBufferPointer {
                try LatentPreview.image(latent: $0, shape: latents.shape, factors: previewFactors)
            }
        }
    }
}
