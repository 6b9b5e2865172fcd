import ArgumentParser
import Imaging
import Schedulers
import StableDiffusionXL

/// Every generation setting as a flag. A flag left out keeps the value it had: the default, or
/// the one read from `--from IMAGE.png`.
struct GenerationOptions: ParsableArguments {
    @Option(help: "What to draw.") var prompt: String?
    @Option(name: .customLong("prompt-2"), help: "The prompt for the second text encoder (default: --prompt).") var prompt2: String?
    @Option(name: .customLong("negative-prompt"), help: "What to steer away from. Left out, SDXL base guides against zero embeddings.") var negativePrompt: String?
    @Option(name: .customLong("negative-prompt-2"), help: "The negative prompt for the second text encoder.") var negativePrompt2: String?
    @Option(help: "Image width in pixels, a multiple of 8 (default: the model's, 1024 for SDXL).") var width: Int?
    @Option(help: "Image height in pixels, a multiple of 8.") var height: Int?
    @Option(help: "Denoising steps (default 30).") var steps: Int?
    @Option(help: "Classifier-free guidance scale (default 5.0; 0 or 1 turns guidance off).") var cfg: Double?
    @Option(name: .customLong("guidance-rescale"), help: "Guidance rescale, 0 to 1 (default 0).") var guidanceRescale: Double?
    @Option(help: "Seed of the torch-compatible random source (default: random, printed).") var seed: UInt64?
    @Option(help: "Sampler: euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddim, euler_trailing (default: the model's own).")
    var sampler: String?
    @Option(name: .customLong("original-size"), help: "Micro-conditioning: the size the image pretends to come from, WIDTHxHEIGHT.") var originalSize: PixelSize?
    @Option(help: "Micro-conditioning: the crop's top-left corner in the original, TOP,LEFT.") var crop: CropOffset?
    @Option(name: .customLong("target-size"), help: "Micro-conditioning: the target size, WIDTHxHEIGHT.") var targetSize: PixelSize?
    @Option(name: .customLong("negative-original-size"), help: "Negative micro-conditioning, WIDTHxHEIGHT.") var negativeOriginalSize: PixelSize?
    @Option(name: .customLong("negative-crop"), help: "Negative crop, TOP,LEFT.") var negativeCrop: CropOffset?
    @Option(name: .customLong("negative-target-size"), help: "Negative target size, WIDTHxHEIGHT.") var negativeTargetSize: PixelSize?
    @Option(name: .customLong("aesthetic-score"), help: "The refiner's aesthetic score (default 6.0).") var aestheticScore: Double?
    @Option(name: .customLong("negative-aesthetic-score"), help: "The refiner's negative aesthetic score (default 2.5).") var negativeAestheticScore: Double?
    @Option(name: .customLong("refiner-switch"), help: "Ensemble of experts: the fraction of the schedule the base runs before the refiner takes over (e.g. 0.8).")
    var refinerSwitch: Double?
    @Option(name: .customLong("refine-strength"), help: "Refine the finished base image with the refiner as img2img at this strength (e.g. 0.3).")
    var refineStrength: Double?
    @Flag(name: .customLong("keep-base"), help: "With the refiner, also write the base image as NAME-base.png.") var keepBase = false
    @Option(name: .customLong("init-image"), help: "Start from this PNG (img2img with the base model).") var initImage: String?
    @Option(help: "How much of the init image to repaint, 0 to 1 (default 0.3).") var strength: Double?

    func validate() throws {
        if let sampler, SamplerKind(rawValue: sampler) == nil {
            let known = SamplerKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--sampler \(sampler): unknown sampler; use one of \(known)")
        }
        if refinerSwitch != nil && refineStrength != nil {
            throw ValidationError("--refiner-switch and --refine-strength are two ways to use the refiner; give one")
        }
        if strength != nil && initImage == nil {
            throw ValidationError("--strength needs --init-image")
        }
    }

    /// `parameters` with every given flag applied.
    func applied(to parameters: GenerationParameters) -> GenerationParameters {
        var p = parameters
        if let prompt { p.prompt = prompt }
        if let prompt2 { p.prompt2 = prompt2 }
        if let negativePrompt { p.negativePrompt = negativePrompt }
        if let negativePrompt2 { p.negativePrompt2 = negativePrompt2 }
        if let width { p.width = width }
        if let height { p.height = height }
        if let steps { p.steps = steps }
        if let cfg { p.guidanceScale = cfg }
        if let guidanceRescale { p.guidanceRescale = guidanceRescale }
        if let seed { p.seed = seed }
        if let sampler { p.sampler = SamplerKind(rawValue: sampler) }
        if let originalSize { p.originalSize = originalSize }
        if let crop { p.cropTopLeft = crop }
        if let targetSize { p.targetSize = targetSize }
        if let negativeOriginalSize { p.negativeOriginalSize = negativeOriginalSize }
        if let negativeCrop { p.negativeCropTopLeft = negativeCrop }
        if let negativeTargetSize { p.negativeTargetSize = negativeTargetSize }
        if let aestheticScore { p.aestheticScore = aestheticScore }
        if let negativeAestheticScore { p.negativeAestheticScore = negativeAestheticScore }
        if let refinerSwitch { p.refiner = .ensemble(switchAt: refinerSwitch) }
        if let refineStrength { p.refiner = .refineImage(strength: refineStrength) }
        if keepBase { p.keepBase = true }
        if let initImage {
            p.initImage = InitImageSettings(path: initImage, strength: strength ?? InitImageSettings.defaultStrength)
        }
        return p
    }
}

extension PixelSize: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension CropOffset: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
