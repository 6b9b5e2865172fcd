// GenerationParameters as JSON: a full round trip, and partial documents that take the defaults.
import Imaging
import Foundation
import Schedulers
import StableDiffusionXL
import Testing

@Suite("GenerationParameters coding")
struct ParameterCodingTests {
    @Test("Every field survives a round trip")
    func roundTrip() throws {
        let parameters = GenerationParameters(
            prompt: "a castle", prompt2: "oil painting", negativePrompt: "blurry", negativePrompt2: "",
            width: 1216, height: 832, steps: 40, guidanceScale: 7.5, guidanceRescale: 0.3,
            seed: 18_446_744_073_709_551_615, sampler: .dpmpp2mKarras,
            originalSize: PixelSize(width: 2048, height: 1400), cropTopLeft: CropOffset(top: 12, left: 34),
            targetSize: PixelSize(width: 1216, height: 832), negativeOriginalSize: PixelSize(width: 512, height: 512),
            negativeCropTopLeft: CropOffset(top: 1, left: 2), negativeTargetSize: PixelSize(width: 640, height: 640),
            aestheticScore: 7, negativeAestheticScore: 1.5, refiner: .refineImage(strength: 0.25),
            refinerSteps: 20, refinerSeed: 9, keepBase: true, initImage: InitImageSettings(path: "in.png", strength: 0.5))
        let data = try JSONEncoder().encode(parameters)
        #expect(try JSONDecoder().decode(GenerationParameters.self, from: data) == parameters)
        for mode in [RefinerMode.none, .ensemble(switchAt: 0.75), .refineImage(strength: 0.4)] {
            var changed = parameters
            changed.refiner = mode
            #expect(try JSONDecoder().decode(GenerationParameters.self, from: JSONEncoder().encode(changed)) == changed)
        }
    }

    @Test("A partial document takes the defaults")
    func partialDocument() throws {
        let json = #"{"prompt": "a fox", "sampler": "euler_a", "crops_coords_top_left": {"top": 8, "left": 16}}"#
        let parameters = try JSONDecoder().decode(GenerationParameters.self, from: Data(json.utf8))
        var expected = GenerationParameters(prompt: "a fox", sampler: .eulerAncestral)
        expected.cropTopLeft = CropOffset(top: 8, left: 16)
        #expect(parameters == expected)
        #expect(parameters.steps == 30)
        #expect(parameters.guidanceScale == 5)
        #expect(parameters.aestheticScore == 6)
        #expect(parameters.negativeAestheticScore == 2.5)
        #expect(parameters.refiner == .none)
        #expect(parameters.negativePrompt == nil)
    }

    @Test("Refiner modes read and write a mode name")
    func refinerModeJSON() throws {
        let decoder = JSONDecoder()
        func decode(_ json: String) throws -> RefinerMode { try decoder.decode(RefinerMode.self, from: Data(json.utf8)) }
        #expect(try decode(#"{"mode": "none"}"#) == RefinerMode.none)
        #expect(try decode(#"{"mode": "ensemble"}"#) == .ensemble(switchAt: 0.8))
        #expect(try decode(#"{"mode": "ensemble", "switch_at": 0.7}"#) == .ensemble(switchAt: 0.7))
        #expect(try decode(#"{"mode": "refine_image", "strength": 0.25}"#) == .refineImage(strength: 0.25))
        #expect(throws: DecodingError.self) { try decode(#"{"mode": "sideways"}"#) }
        let text = String(decoding: try JSONEncoder().encode(RefinerMode.ensemble(switchAt: 0.75)), as: UTF8.self)
        #expect(text.contains(#""mode":"ensemble""#) && text.contains(#""switch_at":0.75"#))
    }

    @Test("An unknown sampler name is an error")
    func unknownSampler() {
        let json = #"{"prompt": "a fox", "sampler": "heun"}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(GenerationParameters.self, from: Data(json.utf8))
        }
    }

    @Test("Refiner defaults follow diffusers' documentation")
    func refinerDefaults() {
        #expect(RefinerMode.ensemble == .ensemble(switchAt: 0.8))
        #expect(RefinerMode.refineImage == .refineImage(strength: 0.3))
        #expect(RefinerMode.ensemble.baseDenoisingEnd == 0.8)
        #expect(RefinerMode.refineImage.baseDenoisingEnd == nil)
        #expect(!RefinerMode.none.usesRefiner)
    }
}
