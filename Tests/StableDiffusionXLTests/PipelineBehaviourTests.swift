// How SDXLPipeline behaves around the numbers: planning errors, progress reports, cancellation,
// numerical failures, and what comes back with the refiner.
import Foundation
import Imaging
import Schedulers
import StableDiffusionXL
import Tensors
import Testing

@Suite("Pipeline behaviour")
struct PipelineBehaviourTests {
    static let small = GenerationParameters(prompt: "a photo of an astronaut riding a horse on mars",
                                            width: 96, height: 64, steps: 4, seed: 1234, sampler: .euler)

    @Test("The default size comes from the UNet's sample_size and the VAE scale factor")
    func defaultSize() throws {
        let pipeline = try TinySDXL.pipeline()
        #expect(pipeline.base.vaeScaleFactor == 8)
        #expect(pipeline.base.defaultSize == PixelSize(width: 64, height: 64))
        let plan = try pipeline.plan(GenerationParameters(prompt: "x", steps: 4))
        #expect(plan.size == PixelSize(width: 64, height: 64))
        #expect(plan.base.sampler == .euler)   // the model's own scheduler class
    }

    @Test("Plans count the steps of both stages")
    func planSteps() throws {
        var parameters = Self.small
        parameters.steps = 10
        parameters.refiner = .ensemble(switchAt: 0.8)
        let plan = try TinySDXL.pipeline().plan(parameters)
        #expect(plan.base.steps == 0..<8)
        #expect(plan.refiner?.steps == 8..<10)
        #expect(plan.totalSteps == 10)
        parameters.refiner = .refineImage(strength: 0.3)
        parameters.refinerSteps = 20
        let refine = try TinySDXL.pipeline().plan(parameters)
        #expect(refine.base.steps == 0..<10)
        #expect(refine.refiner?.steps == 14..<20)
        #expect(refine.refiner?.start == .image(strength: 0.3))
    }

    @Test("Progress is reported after every step of every stage")
    func progress() throws {
        var parameters = Self.small
        parameters.steps = 5
        parameters.refiner = .ensemble(switchAt: 0.6)
        var reports: [StepProgress] = []
        let result = try TinySDXL.pipeline().generate(parameters, onStep: { reports.append($0) })
        #expect(reports.count == 5)
        #expect(reports.map(\.completedSteps) == [1, 2, 3, 4, 5])
        #expect(reports.allSatisfy { $0.totalSteps == 5 })
        #expect(reports.map(\.stage) == [.base, .base, .base, .refiner, .refiner])
        #expect(reports.map(\.stageStep) == [0, 1, 2, 0, 1])
        #expect(reports.map(\.timestep) == result.stages.flatMap(\.timesteps))
        let last = try #require(reports.last)
        #expect(TensorComparison.maxDifference(last.latents, result.image.latents) == 0)
        #expect(last.predictedOriginal.shape == [1, 4, 8, 12])
    }

    @Test("Cancelling between steps throws CancellationError", arguments: [0, 1, 3])
    func cancelBetweenSteps(after steps: Int) throws {
        var finished = 0
        #expect(throws: CancellationError.self) {
            _ = try TinySDXL.pipeline().generate(Self.small, onStep: { _ in finished += 1 },
                                                 shouldContinue: { finished < steps })
        }
        #expect(finished == steps)
    }

    @Test("Cancelling inside the UNet throws CancellationError")
    func cancelInsideUNet() throws {
        var polls = 0
        #expect(throws: CancellationError.self) {
            _ = try TinySDXL.pipeline().generate(Self.small, shouldContinue: {
                polls += 1
                return polls < 5
            })
        }
        #expect(polls == 5)
    }

    struct Poison: Sendable, CustomTestStringConvertible {
        let weight: String
        let refiner: RefinerMode
        let expected: GenerationError
        var testDescription: String { weight }
    }

    static let poisons: [Poison] = [
        Poison(weight: "unet/conv_out.bias", refiner: .none,
               expected: .nonFiniteLatents(stage: .base, step: 0, value: .nan)),
        Poison(weight: "refiner-unet/conv_out.bias", refiner: .ensemble(switchAt: 0.5),
               expected: .nonFiniteLatents(stage: .refiner, step: 0, value: .nan)),
        Poison(weight: "vae/decoder.conv_out.bias", refiner: .none,
               expected: .nonFiniteImage(stage: .base, value: .nan)),
        Poison(weight: "vae/quant_conv.bias", refiner: .refineImage(strength: 0.5),
               expected: .nonFiniteLatents(stage: .refiner, step: -1, value: .nan)),
    ]

    @Test("NaN stops the generation with an error, never an image", arguments: poisons)
    func nonFinite(_ poison: Poison) throws {
        let pipeline = try TinySDXL.loadPipeline(poisoned: [poison.weight])
        var parameters = Self.small
        parameters.refiner = poison.refiner
        let error = #expect(throws: GenerationError.self) { try pipeline.generate(parameters) }
        #expect(Self.signature(error) == Self.signature(poison.expected))
        #expect(error?.description.contains("no image was made") == true)
    }

    /// The case, stage and step of a numerical failure (NaN never equals itself, so errors holding
    /// the bad value are not compared directly).
    static func signature(_ error: GenerationError?) -> String {
        switch error {
        case .nonFiniteLatents(let stage, let step, _)?: "latents, \(stage), step \(step)"
        case .nonFiniteImage(let stage, _)?: "image, \(stage)"
        default: String(describing: error)
        }
    }

    @Test("The refiner's image comes with the base image when asked, in both refiner modes",
          arguments: [RefinerMode.ensemble(switchAt: 0.5), .refineImage(strength: 0.5)])
    func keepBase(_ mode: RefinerMode) throws {
        var parameters = Self.small
        parameters.refiner = mode
        parameters.keepBase = true
        let result = try TinySDXL.pipeline().generate(parameters)
        let base = try #require(result.baseImage)
        #expect(base.stage == .base && result.image.stage == .refiner)
        #expect(base.pixels.shape == [1, 3, 64, 96] && result.image.pixels.shape == [1, 3, 64, 96])
        #expect(TensorComparison.maxDifference(base.unitInterval(), result.image.unitInterval()) > 0.05)
        let rgb = try result.image.rgbImage()
        #expect(rgb.width == 96 && rgb.height == 64)
        parameters.keepBase = false
        #expect(try TinySDXL.pipeline().generate(parameters).baseImage == nil)
    }

    @Test("The 8-bit image rounds like diffusers' postprocess")
    func rgbRounding() throws {
        let result = try TinySDXL.pipeline().generate(Self.small)
        let unit = result.image.unitInterval()
        let rgb = try result.image.rgbImage()
        for index in stride(from: 0, to: unit.count, by: 37) {
            let expected = UInt8((unit[flat: index] * 255).rounded(.toNearestOrEven))
            #expect(rgb.pixels[index] == expected)
        }
    }

    @Test("Planning errors name what is wrong")
    func planningErrors() throws {
        let pipeline = try TinySDXL.pipeline()
        let baseOnly = SDXLPipeline(base: pipeline.base)
        var parameters = Self.small
        parameters.refiner = .ensemble
        #expect(throws: GenerationError.refinerNotLoaded) { try baseOnly.plan(parameters) }

        parameters = Self.small
        parameters.initImage = InitImageSettings(path: "missing.png", strength: 0.5)
        #expect(throws: GenerationError.initImageMissing(path: "missing.png")) { try pipeline.plan(parameters) }

        let picture = try RGBImage(width: 96, height: 64, red: 10, green: 20, blue: 30)
        #expect(throws: GenerationError.unexpectedInitImage) { try pipeline.plan(Self.small, initImage: picture) }

        parameters.width = 128
        #expect(throws: GenerationError.self) { try pipeline.plan(parameters, initImage: picture) }
        parameters.width = nil
        parameters.height = nil
        let odd = try RGBImage(width: 100, height: 64, red: 0, green: 0, blue: 0)
        #expect(throws: GenerationError.self) { try pipeline.plan(parameters, initImage: odd) }
        #expect(try pipeline.plan(parameters, initImage: picture).size == PixelSize(width: 96, height: 64))

        parameters = Self.small
        parameters.cropTopLeft = CropOffset(top: 64, left: 0)   // outside the default original size 96x64
        let error = #expect(throws: GenerationError.self) { try pipeline.plan(parameters) }
        guard case .invalidParameters(let problems)? = error else {
            Issue.record("expected invalid parameters, got \(String(describing: error))")
            return
        }
        #expect(problems.map(\.setting) == ["crops_coords_top_left"])
    }

    @Test("The refiner alone cannot make an image from noise")
    func refinerAsBase() throws {
        let pipeline = try TinySDXL.pipeline()
        let refiner = try #require(pipeline.refiner)
        #expect(throws: GenerationError.self) { try SDXLPipeline(base: refiner).plan(Self.small) }
    }

    @Test("Components that do not fit together are refused at load time")
    func incompatibleComponents() throws {
        let pipeline = try TinySDXL.pipeline()
        let base = pipeline.base
        let refiner = try #require(pipeline.refiner)
        // The refiner's UNet takes 5 time ids; declared as a base model it needs 6.
        #expect(throws: GenerationError.self) {
            try SDXLModel(tokenizer: nil, textEncoder: nil, tokenizer2: refiner.tokenizer2,
                          textEncoder2: refiner.textEncoder2, unet: refiner.unet, sampleSize: nil, vae: refiner.vae,
                          schedulerConfig: refiner.schedulerConfig, forceZerosForEmptyPrompt: false,
                          requiresAestheticsScore: false)
        }
        // The base UNet's cross-attention needs both text encoders.
        #expect(throws: GenerationError.self) {
            try SDXLModel(tokenizer: nil, textEncoder: nil, tokenizer2: base.tokenizer2, textEncoder2: base.textEncoder2,
                          unet: base.unet, sampleSize: nil, vae: base.vae, schedulerConfig: base.schedulerConfig,
                          forceZerosForEmptyPrompt: true, requiresAestheticsScore: false)
        }
    }
}
