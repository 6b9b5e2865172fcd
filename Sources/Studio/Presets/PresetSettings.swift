// The generation settings a preset may set, one optional per setting of
// StableDiffusionXL.GenerationParameters except the prompts and the init image.
import Imaging
import Schedulers
import StableDiffusionXL

/// Settings a preset carries. `nil` means "this preset does not touch the setting": applying a
/// preset changes exactly the settings it names and leaves every other one as it was.
public struct PresetSettings: Hashable, Sendable {
    /// Output size; `.automatic` is the model's default (1024 for SDXL).
    public var width: PresetDefaultable<Int>?
    public var height: PresetDefaultable<Int>?

    public var steps: Int?
    public var guidanceScale: Double?
    public var guidanceRescale: Double?
    /// `.automatic` is the sampler of the model's own `scheduler_config.json`.
    public var sampler: PresetDefaultable<SamplerKind>?
    public var seed: PresetSeed?

    /// Micro-conditioning. `.automatic` sizes are the output size (negative ones: not used).
    public var originalSize: PresetDefaultable<PixelSize>?
    public var cropTopLeft: CropOffset?
    public var targetSize: PresetDefaultable<PixelSize>?
    public var negativeOriginalSize: PresetDefaultable<PixelSize>?
    public var negativeCropTopLeft: CropOffset?
    public var negativeTargetSize: PresetDefaultable<PixelSize>?
    public var aestheticScore: Double?
    public var negativeAestheticScore: Double?

    public var refiner: RefinerMode?
    /// `.automatic` runs the refiner for `steps`.
    public var refinerSteps: PresetDefaultable<Int>?
    /// `.automatic` continues the base model's random stream.
    public var refinerSeed: PresetDefaultable<UInt64>?
    public var keepBase: Bool?

    public init(width: PresetDefaultable<Int>? = nil, height: PresetDefaultable<Int>? = nil,
                steps: Int? = nil, guidanceScale: Double? = nil, guidanceRescale: Double? = nil,
                sampler: PresetDefaultable<SamplerKind>? = nil, seed: PresetSeed? = nil,
                originalSize: PresetDefaultable<PixelSize>? = nil, cropTopLeft: CropOffset? = nil,
                targetSize: PresetDefaultable<PixelSize>? = nil,
                negativeOriginalSize: PresetDefaultable<PixelSize>? = nil, negativeCropTopLeft: CropOffset? = nil,
                negativeTargetSize: PresetDefaultable<PixelSize>? = nil,
                aestheticScore: Double? = nil, negativeAestheticScore: Double? = nil,
                refiner: RefinerMode? = nil, refinerSteps: PresetDefaultable<Int>? = nil,
                refinerSeed: PresetDefaultable<UInt64>? = nil, keepBase: Bool? = nil) {
        self.width = width
        self.height = height
        self.steps = steps
        self.guidanceScale = guidanceScale
        self.guidanceRescale = guidanceRescale
        self.sampler = sampler
        self.seed = seed
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
    }

    /// Whether the preset sets no generation setting at all.
    public var isEmpty: Bool { self == PresetSettings() }

    /// Sets the settings this preset names and leaves the others (and the prompts) alone.
    /// A `.random` seed draws a new seed from `generator` on every call.
    public func apply(to parameters: inout GenerationParameters, using generator: inout some RandomNumberGenerator) {
        if let width { parameters.width = width.optionalValue }
        if let height { parameters.height = height.optionalValue }
        if let steps { parameters.steps = steps }
        if let guidanceScale { parameters.guidanceScale = guidanceScale }
        if let guidanceRescale { parameters.guidanceRescale = guidanceRescale }
        if let sampler { parameters.sampler = sampler.optionalValue }
        if let seed { parameters.seed = seed.resolve(using: &generator) }
        if let originalSize { parameters.originalSize = originalSize.optionalValue }
        if let cropTopLeft { parameters.cropTopLeft = cropTopLeft }
        if let targetSize { parameters.targetSize = targetSize.optionalValue }
        if let negativeOriginalSize { parameters.negativeOriginalSize = negativeOriginalSize.optionalValue }
        if let negativeCropTopLeft { parameters.negativeCropTopLeft = negativeCropTopLeft }
        if let negativeTargetSize { parameters.negativeTargetSize = negativeTargetSize.optionalValue }
        if let aestheticScore { parameters.aestheticScore = aestheticScore }
        if let negativeAestheticScore { parameters.negativeAestheticScore = negativeAestheticScore }
        if let refiner { parameters.refiner = refiner }
        if let refinerSteps { parameters.refinerSteps = refinerSteps.optionalValue }
        if let refinerSeed { parameters.refinerSeed = refinerSeed.optionalValue }
        if let keepBase { parameters.keepBase = keepBase }
    }

    /// `apply(to:using:)` with the system's random source for a `.random` seed.
    public func apply(to parameters: inout GenerationParameters) {
        var generator = SystemRandomNumberGenerator()
        apply(to: &parameters, using: &generator)
    }
}
