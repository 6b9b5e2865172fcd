// Every setting of one SDXL generation, named after the arguments of diffusers 0.42's
// StableDiffusionXLPipeline.__call__ and StableDiffusionXLImg2ImgPipeline.__call__
// (pipelines/stable_diffusion_xl/), with the same defaults and the same meaning of "not given".
import Imaging
import Schedulers

/// The settings of one generation: prompts, size, sampling, micro-conditioning, refiner use.
///
/// `nil` means "not given", which diffusers treats specially in several places:
/// - `prompt2` / `negativePrompt2`: nil or empty use `prompt` / `negativePrompt` (Python's `or`).
/// - `negativePrompt`: nil means no negative prompt. A model whose `model_index.json` says
///   `force_zeros_for_empty_prompt` (SDXL base) then guides against zero embeddings; an empty
///   string is encoded like any other text.
/// - `width` / `height`: the model's default (UNet `sample_size` × VAE scale factor, 1024 for SDXL);
///   with an init image, the image's size.
/// - `originalSize` / `targetSize`: the output size (height, width).
/// - `negativeOriginalSize` / `negativeTargetSize`: the base model uses its own negative
///   conditioning only when both are given; the refiner uses the positive sizes for missing ones.
/// - `sampler`: the sampler matching the model's own `scheduler_config.json`.
/// - `refinerSteps`: `steps`. `refinerSeed`: the refiner continues the base's random stream, as
///   when one `torch.Generator` is passed to both diffusers calls.
public struct GenerationParameters: Hashable, Sendable {
    public var prompt: String
    public var prompt2: String?
    public var negativePrompt: String?
    public var negativePrompt2: String?

    public var width: Int?
    public var height: Int?

    public var steps: Int
    public var guidanceScale: Double
    public var guidanceRescale: Double
    public var seed: UInt64
    public var sampler: SamplerKind?

    public var originalSize: PixelSize?
    public var cropTopLeft: CropOffset
    public var targetSize: PixelSize?
    public var negativeOriginalSize: PixelSize?
    public var negativeCropTopLeft: CropOffset
    public var negativeTargetSize: PixelSize?
    /// Refiner only (models with `requires_aesthetics_score`).
    public var aestheticScore: Double
    public var negativeAestheticScore: Double

    public var refiner: RefinerMode
    public var refinerSteps: Int?
    public var refinerSeed: UInt64?
    /// Also decode the base model's latents when the refiner runs, giving both images.
    public var keepBase: Bool

    /// Base img2img: start from this picture.
    public var initImage: InitImageSettings?

    public static let defaultSteps = 30
    public static let defaultGuidanceScale = 5.0
    public static let defaultAestheticScore = 6.0
    public static let defaultNegativeAestheticScore = 2.5

    public init(prompt: String, prompt2: String? = nil, negativePrompt: String? = nil, negativePrompt2: String? = nil,
                width: Int? = nil, height: Int? = nil,
                steps: Int = GenerationParameters.defaultSteps,
                guidanceScale: Double = GenerationParameters.defaultGuidanceScale,
                guidanceRescale: Double = 0, seed: UInt64 = 0, sampler: SamplerKind? = nil,
                originalSize: PixelSize? = nil, cropTopLeft: CropOffset = .zero, targetSize: PixelSize? = nil,
                negativeOriginalSize: PixelSize? = nil, negativeCropTopLeft: CropOffset = .zero,
                negativeTargetSize: PixelSize? = nil,
                aestheticScore: Double = GenerationParameters.defaultAestheticScore,
                negativeAestheticScore: Double = GenerationParameters.defaultNegativeAestheticScore,
                refiner: RefinerMode = .none, refinerSteps: Int? = nil, refinerSeed: UInt64? = nil,
                keepBase: Bool = false, initImage: InitImageSettings? = nil) {
        self.prompt = prompt
        self.prompt2 = prompt2
        self.negativePrompt = negativePrompt
        self.negativePrompt2 = negativePrompt2
        self.width = width
        self.height = height
        self.steps = steps
        self.guidanceScale = guidanceScale
        self.guidanceRescale = guidanceRescale
        self.seed = seed
        self.sampler = sampler
        self.originalSize = originalSize
        self.cropTopLeft = cropTopLeft
        self.targetSize = targetSize
        self.negativeOriginalSize = negativeOriginalSize
        self.negativeCropTopLeft = negativeCropTopLeft
        self.negativeTargetSize = negativeTargetSize
        self.aestheticScore = aestheticScore
        self.negativeAestheticScore = negativeAestheticScore
        self.refiner = refiner
        self.refinerSteps = refinerSteps
        self.refinerSeed = refinerSeed
        self.keepBase = keepBase
        self.initImage = initImage
    }

    /// diffusers' `do_classifier_free_guidance` for the UNets this port loads (which have no
    /// `time_cond_proj_dim`): guidance only above 1.
    public var usesClassifierFreeGuidance: Bool { guidanceScale > 1 }
}
