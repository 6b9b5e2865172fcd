// GenerationParameters: every unusable value is reported with its setting's name, and good values pass.
import Imaging
import Foundation
import Schedulers
import StableDiffusionXL
import Testing

@Suite("GenerationParameters validation")
struct ParameterValidationTests {
    static let good = GenerationParameters(prompt: "a lighthouse at dusk", width: 1024, height: 768, steps: 30, seed: 42)

    @Test("Defaults and typical settings have no problems")
    func goodSettings() throws {
        #expect(Self.good.problems().isEmpty)
        #expect(GenerationParameters(prompt: "").problems().isEmpty)
        var full = Self.good
        full.refiner = .ensemble
        full.keepBase = true
        full.originalSize = PixelSize(width: 4096, height: 4096)
        full.cropTopLeft = CropOffset(top: 100, left: 200)
        full.negativeOriginalSize = PixelSize(width: 512, height: 512)
        full.negativeTargetSize = PixelSize(width: 1024, height: 1024)
        full.guidanceRescale = 0.7
        full.initImage = InitImageSettings(path: "start.png", strength: 0.75)
        #expect(full.problems().isEmpty)
        try full.validate()
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let setting: String
        let change: @Sendable (inout GenerationParameters) -> Void
        var testDescription: String { label }
    }

    static let badCases: [Case] = [
        Case(label: "width not a multiple of 8", setting: "width") { $0.width = 1020 },
        Case(label: "height not a multiple of 8", setting: "height") { $0.height = 771 },
        Case(label: "width too small", setting: "width") { $0.width = 0 },
        Case(label: "height too large", setting: "height") { $0.height = 8192 },
        Case(label: "no steps", setting: "steps") { $0.steps = 0 },
        Case(label: "too many steps", setting: "steps") { $0.steps = 1001 },
        Case(label: "refiner steps negative", setting: "refiner_steps") { $0.refinerSteps = -3 },
        Case(label: "negative guidance", setting: "guidance_scale") { $0.guidanceScale = -1 },
        Case(label: "NaN guidance", setting: "guidance_scale") { $0.guidanceScale = .nan },
        Case(label: "infinite guidance", setting: "guidance_scale") { $0.guidanceScale = .infinity },
        Case(label: "guidance rescale above 1", setting: "guidance_rescale") { $0.guidanceRescale = 1.5 },
        Case(label: "crop outside the original size", setting: "crops_coords_top_left") {
            $0.originalSize = PixelSize(width: 512, height: 512)
            $0.cropTopLeft = CropOffset(top: 600, left: 0)
        },
        Case(label: "negative crop", setting: "crops_coords_top_left") { $0.cropTopLeft = CropOffset(top: -1, left: 0) },
        Case(label: "negative crop outside the negative original size", setting: "negative_crops_coords_top_left") {
            $0.negativeOriginalSize = PixelSize(width: 256, height: 256)
            $0.negativeCropTopLeft = CropOffset(top: 0, left: 256)
        },
        Case(label: "original size zero", setting: "original_size") { $0.originalSize = PixelSize(width: 0, height: 1024) },
        Case(label: "target size huge", setting: "target_size") { $0.targetSize = PixelSize(width: 1024, height: 100_000) },
        Case(label: "negative original size negative", setting: "negative_original_size") {
            $0.negativeOriginalSize = PixelSize(width: -5, height: 1024)
        },
        Case(label: "aesthetic score above 10", setting: "aesthetic_score") { $0.aestheticScore = 11 },
        Case(label: "negative aesthetic score NaN", setting: "negative_aesthetic_score") { $0.negativeAestheticScore = .nan },
        Case(label: "ensemble switch at 1", setting: "refiner") { $0.refiner = .ensemble(switchAt: 1) },
        Case(label: "ensemble switch at 0", setting: "refiner") { $0.refiner = .ensemble(switchAt: 0) },
        Case(label: "refine strength 0", setting: "refiner") { $0.refiner = .refineImage(strength: 0) },
        Case(label: "refine strength above 1", setting: "refiner") { $0.refiner = .refineImage(strength: 1.2) },
        Case(label: "refine strength that runs no step", setting: "refiner") {
            $0.steps = 10
            $0.refiner = .refineImage(strength: 0.05)
        },
        Case(label: "keep base without a refiner", setting: "keep_base") { $0.keepBase = true },
        Case(label: "init image strength 0", setting: "init_image") {
            $0.initImage = InitImageSettings(path: "a.png", strength: 0)
        },
        Case(label: "init image without a path", setting: "init_image") { $0.initImage = InitImageSettings(path: "") },
        Case(label: "prompt far too long", setting: "prompt") {
            $0.prompt = String(repeating: "a", count: GenerationParameters.maxPromptCharacters + 1)
        },
        Case(label: "negative prompt 2 far too long", setting: "negative_prompt_2") {
            $0.negativePrompt2 = String(repeating: "b", count: GenerationParameters.maxPromptCharacters + 1)
        },
    ]

    @Test("Each bad value is reported under its setting", arguments: badCases)
    func badValue(_ testCase: Case) {
        var parameters = Self.good
        testCase.change(&parameters)
        let problems = parameters.problems()
        #expect(problems.map(\.setting) == [testCase.setting], "\(problems)")
        #expect(throws: GenerationError.invalidParameters(problems)) { try parameters.validate() }
    }

    @Test("Several problems give one line each")
    func severalProblems() {
        var parameters = Self.good
        parameters.width = 1001
        parameters.steps = 0
        parameters.guidanceScale = -2
        let problems = parameters.problems()
        #expect(problems.map(\.setting) == ["width", "steps", "guidance_scale"])
        let text = GenerationError.invalidParameters(problems).description
        #expect(text.split(separator: "\n").count == 3)
        #expect(text.contains("width: 1001 is not a multiple of 8; use 1000 instead"))
    }
}
