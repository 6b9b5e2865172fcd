// Every pipeline scenario of the tiny SDXL fixture, run end to end through SDXLPipeline.generate and
// compared with what diffusers 0.42.1 computed: timesteps, initial latents, conditioning, final
// latents and the image (every pixel within 2/255).
import Foundation
import Imaging
import Models
import SafeTensors
import StableDiffusionXL
import Tensors
import Testing

@Suite("Parity with diffusers on the tiny SDXL fixture")
struct DiffusersParityTests {
    /// The project's contract: every pixel within 2/255 of diffusers.
    static let imageTolerance: Float = 2.0 / 255
    /// Latents agree far more closely (measured: about 2e-6 relative); a loose bound still catches
    /// any wrong step, scale or ordering.
    static let latentTolerance: Float = 1e-4

    @Test("The fixture has pipeline scenarios")
    func fixturePresent() {
        #expect(Manifest.scenarios.count >= 20, "no pipeline scenarios in Tests/Fixtures/tiny-sdxl/expected/manifest.json")
    }

    @Test("Text-to-image scenario", arguments: Manifest.baseScenarioNames)
    func textToImage(_ name: String) throws {
        let scenario = try Manifest.scenario(name)
        let expected = try scenario.expected()
        let result = try GenerationCache.shared.result(for: scenario.parameters())

        #expect(result.stages.count == 1)
        let stage = try #require(result.stages.first)
        #expect(stage.timesteps == scenario.usedTimesteps)
        try Self.expectInitialNoise(stage, expected)
        try Self.expectConditioning(stage.conditioning, expected)
        try Self.expectLatents(stage.finalLatents, expected, "final_latents")
        try Self.expectImage(result.image, expected)
    }

    @Test("Ensemble of experts: base to denoising_end, refiner from denoising_start",
          arguments: ["ensemble_refiner", "ensemble_refiner_aesthetic"])
    func ensembleOfExperts(_ refinerName: String) throws {
        let baseScenario = try Manifest.scenario("ensemble_base")
        let refinerScenario = try Manifest.scenario(refinerName)
        let baseExpected = try baseScenario.expected()
        let refinerExpected = try refinerScenario.expected()

        var parameters = try baseScenario.parameters()
        let switchAt = try #require(refinerScenario.call.denoisingStart)
        #expect(baseScenario.call.denoisingEnd == switchAt)
        parameters.refiner = .ensemble(switchAt: switchAt)
        parameters.refinerSteps = refinerScenario.call.steps
        parameters.refinerSeed = refinerScenario.seed
        parameters.aestheticScore = try #require(refinerScenario.call.aestheticScore)
        parameters.negativeAestheticScore = try #require(refinerScenario.call.negativeAestheticScore)
        let result = try GenerationCache.shared.result(for: parameters)

        #expect(result.stages.count == 2)
        #expect(result.baseImage == nil)
        let base = try #require(result.stages.first), refiner = try #require(result.stages.last)
        #expect(base.timesteps == baseScenario.usedTimesteps)
        #expect(refiner.timesteps == refinerScenario.usedTimesteps)
        try Self.expectInitialNoise(base, baseExpected)
        try Self.expectConditioning(base.conditioning, baseExpected)
        try Self.expectLatents(base.finalLatents, baseExpected, "final_latents")
        // The refiner starts from the base's latents unchanged (no re-noising).
        #expect(TensorComparison.maxDifference(refiner.initialLatents, base.finalLatents) == 0)
        try Self.expectConditioning(refiner.conditioning, refinerExpected)
        try Self.expectLatents(refiner.finalLatents, refinerExpected, "final_latents")
        try Self.expectImage(result.image, refinerExpected)
    }

    @Test("Refining a finished image with strength, keeping the base image",
          arguments: ["refine_image", "refine_image_aesthetic"])
    func refineImage(_ refinerName: String) throws {
        let refinerScenario = try Manifest.scenario(refinerName)
        let baseScenario = try Manifest.scenario(try #require(refinerScenario.imageInput?.scenario))
        let baseExpected = try baseScenario.expected()
        let refinerExpected = try refinerScenario.expected()

        var parameters = try baseScenario.parameters()
        parameters.refiner = .refineImage(strength: try #require(refinerScenario.call.strength))
        parameters.refinerSteps = refinerScenario.call.steps
        parameters.refinerSeed = refinerScenario.seed
        parameters.aestheticScore = refinerScenario.call.aestheticScore ?? GenerationParameters.defaultAestheticScore
        parameters.negativeAestheticScore = refinerScenario.call.negativeAestheticScore
            ?? GenerationParameters.defaultNegativeAestheticScore
        parameters.keepBase = true
        let result = try GenerationCache.shared.result(for: parameters)

        let baseImage = try #require(result.baseImage)
        try Self.expectImage(baseImage, baseExpected)
        let refiner = try #require(result.stages.last)
        #expect(result.stages.count == 2)
        #expect(refiner.timesteps == refinerScenario.usedTimesteps)
        try Self.expectLatents(refiner.initialLatents, refinerExpected, "initial_latents")
        try Self.expectConditioning(refiner.conditioning, refinerExpected)
        try Self.expectLatents(refiner.finalLatents, refinerExpected, "final_latents")
        try Self.expectImage(result.image, refinerExpected)
    }

    @Test("Base img2img from a PNG")
    func baseImageToImage() throws {
        let scenario = try Manifest.scenario("img2img_base")
        let expected = try scenario.expected()
        let png = try #require(scenario.imageInput?.png)
        let url = TinySDXL.url("expected/" + png)
        let picture = try PNGFile.read(url).image

        var parameters = try scenario.parameters()
        parameters.initImage = InitImageSettings(path: url.path, strength: try #require(scenario.call.strength))
        let result = try TinySDXL.pipeline().generate(parameters, initImage: picture)

        let stage = try #require(result.stages.first)
        #expect(stage.timesteps == scenario.usedTimesteps)
        try Self.expectLatents(stage.initialLatents, expected, "initial_latents")
        try Self.expectConditioning(stage.conditioning, expected)
        try Self.expectLatents(stage.finalLatents, expected, "final_latents")
        try Self.expectImage(result.image, expected)
    }

    // MARK: - Comparisons

    /// Text-to-image starts from torch.randn × init_noise_sigma: the same numbers up to float rounding.
    static func expectInitialNoise(_ stage: StageRecord, _ expected: SafeTensorsWeights) throws {
        let reference = try expected.tensor(named: "initial_latents")
        #expect(stage.initialLatents.shape == reference.shape)
        let difference = TensorComparison.relativeDifference(stage.initialLatents, reference)
        #expect(difference <= 1e-6, "initial latents differ by \(difference) (relative)")
    }

    static func expectConditioning(_ conditioning: UNetConditioning, _ expected: SafeTensorsWeights) throws {
        for (name, ours, tolerance) in [("prompt_embeds", conditioning.promptEmbeds, Float(1e-5)),
                                        ("add_text_embeds", conditioning.textEmbeds, 1e-5),
                                        ("add_time_ids", conditioning.timeIds, 0)] {
            let reference = try expected.tensor(named: name)
            #expect(ours.shape == reference.shape, "\(name): shape \(ours.shape) vs \(reference.shape)")
            let difference = TensorComparison.relativeDifference(ours, reference)
            #expect(difference <= tolerance, "\(name) differs by \(difference) (relative)")
        }
    }

    static func expectLatents(_ ours: Tensor, _ expected: SafeTensorsWeights, _ name: String) throws {
        let reference = try expected.tensor(named: name)
        #expect(ours.shape == reference.shape, "\(name): shape \(ours.shape) vs \(reference.shape)")
        let difference = TensorComparison.relativeDifference(ours, reference)
        #expect(difference <= latentTolerance, "\(name) differs by \(difference) (relative)")
    }

    static func expectImage(_ image: DecodedImage, _ expected: SafeTensorsWeights) throws {
        let reference = try expected.tensor(named: "image")                         // [H, W, 3] in [0, 1]
        let ours = image.unitInterval()
        #expect(ours.shape == reference.shape, "image: shape \(ours.shape) vs \(reference.shape)")
        let difference = TensorComparison.maxDifference(ours, reference)
        #expect(difference <= imageTolerance, "image differs by \(difference * 255)/255 at most")
    }
}
