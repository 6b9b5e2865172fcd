// Each conditioning value must reach the image: changing one setting alone moves the image far beyond
// the 2/255 parity tolerance (a pipeline that dropped the value would fail here), and values that
// diffusers ignores leave it bit for bit the same.
import Imaging
import Schedulers
import StableDiffusionXL
import Tensors
import Testing

@Suite("Each conditioning value changes the image")
struct ConditioningSensitivityTests {
    /// Far beyond the parity tolerance of 2/255 ≈ 0.008 on [0, 1].
    static let minimumChange: Float = 0.05

    static let reference = GenerationParameters(prompt: "a photo of an astronaut riding a horse on mars",
                                                width: 96, height: 64, steps: 4, seed: 1234, sampler: .euler)
    static let refined: GenerationParameters = {
        var parameters = reference
        parameters.width = 128
        parameters.refiner = .refineImage(strength: 0.3)
        parameters.refinerSteps = 10
        return parameters
    }()

    struct Change: Sendable, CustomTestStringConvertible {
        let label: String
        let start: GenerationParameters
        let change: @Sendable (inout GenerationParameters) -> Void
        var testDescription: String { label }

        init(_ label: String, from start: GenerationParameters = ConditioningSensitivityTests.reference,
             _ change: @escaping @Sendable (inout GenerationParameters) -> Void) {
            self.label = label
            self.start = start
            self.change = change
        }
    }

    static let changes: [Change] = [
        Change("prompt") { $0.prompt = "a watercolour of a lighthouse" },
        Change("prompt_2") { $0.prompt2 = "an oil painting by van gogh, swirling stars" },
        Change("negative_prompt instead of none (zeros)") { $0.negativePrompt = "blurry, low quality, watermark" },
        Change("empty negative_prompt instead of none (encoded vs zeros)") { $0.negativePrompt = "" },
        Change("negative_prompt_2", from: withNegative) { $0.negativePrompt2 = "deformed, extra fingers" },
        Change("original_size") { $0.originalSize = PixelSize(width: 160, height: 384) },
        Change("original_size width only") { $0.originalSize = PixelSize(width: 400, height: 64) },
        Change("crops_coords_top_left top") { $0.cropTopLeft = CropOffset(top: 40, left: 0) },
        Change("crops_coords_top_left left") { $0.cropTopLeft = CropOffset(top: 0, left: 72) },
        Change("target_size") { $0.targetSize = PixelSize(width: 128, height: 320) },
        Change("negative sizes and crop") {
            $0.negativeOriginalSize = PixelSize(width: 200, height: 48)
            $0.negativeCropTopLeft = CropOffset(top: 16, left: 8)
            $0.negativeTargetSize = PixelSize(width: 40, height: 512)
        },
        Change("negative crop with both negative sizes", from: withNegativeSizes) {
            $0.negativeCropTopLeft = CropOffset(top: 40, left: 150)
        },
        Change("guidance_scale") { $0.guidanceScale = 9 },
        Change("guidance off") { $0.guidanceScale = 1 },
        Change("guidance_rescale") { $0.guidanceRescale = 0.7 },
        Change("seed") { $0.seed = 1235 },
        Change("sampler") { $0.sampler = .eulerAncestral },
        Change("steps") { $0.steps = 6 },
        Change("aesthetic_score (refiner)", from: refined) { $0.aestheticScore = 10 },
        Change("negative_aesthetic_score (refiner)", from: refined) { $0.negativeAestheticScore = 10 },
        Change("refine strength", from: refined) { $0.refiner = .refineImage(strength: 0.6) },
        Change("refiner seed", from: refined) { $0.refinerSeed = 77 },
    ]

    static let withNegative: GenerationParameters = {
        var parameters = reference
        parameters.negativePrompt = "ugly"
        return parameters
    }()

    static let withNegativeSizes: GenerationParameters = {
        var parameters = reference
        parameters.negativeOriginalSize = PixelSize(width: 200, height: 48)
        parameters.negativeTargetSize = PixelSize(width: 40, height: 512)
        return parameters
    }()

    @Test("Changing one value moves the image", arguments: changes)
    func changeMovesImage(_ change: Change) throws {
        var changed = change.start
        change.change(&changed)
        let before = try GenerationCache.shared.result(for: change.start).image.unitInterval()
        let after = try GenerationCache.shared.result(for: changed).image.unitInterval()
        let difference = TensorComparison.maxDifference(before, after)
        #expect(difference > Self.minimumChange, "max |Δ| = \(difference)")
    }

    struct Ignored: Sendable, CustomTestStringConvertible {
        let label: String
        let change: @Sendable (inout GenerationParameters) -> Void
        var testDescription: String { label }
    }

    /// diffusers' base pipeline uses its negative micro-conditioning only when both negative sizes are given.
    static let ignored: [Ignored] = [
        Ignored(label: "negative original size and crop without negative target size") {
            $0.negativeOriginalSize = PixelSize(width: 200, height: 48)
            $0.negativeCropTopLeft = CropOffset(top: 16, left: 8)
        },
        Ignored(label: "negative target size alone") { $0.negativeTargetSize = PixelSize(width: 40, height: 512) },
        Ignored(label: "aesthetic scores (base only)") {
            $0.aestheticScore = 9.5
            $0.negativeAestheticScore = 0.5
        },
        Ignored(label: "prompt_2 equal to prompt") { $0.prompt2 = $0.prompt },
        Ignored(label: "empty prompt_2 means prompt") { $0.prompt2 = "" },
        Ignored(label: "negative prompt without guidance") {
            $0.guidanceScale = 1
            $0.negativePrompt = "blurry"
        },
    ]

    @Test("Values diffusers ignores leave the image unchanged", arguments: ignored)
    func ignoredValue(_ ignored: Ignored) throws {
        var start = Self.reference
        if ignored.label.contains("without guidance") { start.guidanceScale = 1 }
        var changed = start
        ignored.change(&changed)
        let before = try GenerationCache.shared.result(for: start).image.pixels
        let after = try GenerationCache.shared.result(for: changed).image.pixels
        #expect(TensorComparison.maxDifference(before, after) == 0)
    }
}
