import Foundation
import Imaging
import Jobs
import Schedulers
import StableDiffusionXL
import Testing
@testable import Studio

@Suite("Applying and capturing presets")
struct PresetsApplyTests {
    /// Settings far from every default, so that a changed or unchanged value is visible.
    static let unusual = GenerationParameters(
        prompt: "a lighthouse", prompt2: "oil", negativePrompt: "fog", negativePrompt2: "rain",
        width: 832, height: 1216, steps: 44, guidanceScale: 8.5, guidanceRescale: 0.25, seed: 987_654_321,
        sampler: .ddim, originalSize: PixelSize(width: 3000, height: 2000), cropTopLeft: CropOffset(top: 10, left: 20),
        targetSize: PixelSize(width: 832, height: 1216), negativeOriginalSize: PixelSize(width: 640, height: 480),
        negativeCropTopLeft: CropOffset(top: 1, left: 1), negativeTargetSize: PixelSize(width: 600, height: 400),
        aestheticScore: 7.5, negativeAestheticScore: 1.5, refiner: .refineImage(strength: 0.4), refinerSteps: 25,
        refinerSeed: 77, keepBase: true, initImage: InitImageSettings(path: "/tmp/start.png", strength: 0.6))

    /// The JSON keys whose values differ between two settings.
    static func changedKeys(_ a: GenerationParameters, _ b: GenerationParameters) throws -> Set<String> {
        let encoder = JSONEncoder()
        func object(_ parameters: GenerationParameters) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: encoder.encode(parameters)) as? [String: Any] ?? [:]
        }
        let left = try object(a)
        let right = try object(b)
        var changed: Set<String> = []
        func canonical(_ value: Any?) throws -> Data? {
            try value.map { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed]) }
        }
        for key in Set(left.keys).union(right.keys) where try canonical(left[key]) != canonical(right[key]) {
            changed.insert(key)
        }
        return changed
    }

    @Test("a preset without settings changes nothing")
    func emptyPreset() throws {
        var parameters = Self.unusual
        Preset(name: "nothing", style: PresetStyle(promptTemplate: "x {prompt}")).apply(to: &parameters)
        #expect(parameters == Self.unusual)
    }

    /// Each single-key preset and the JSON keys it may change.
    static let singleKeyPresets: [(PresetSettings, Set<String>)] = [
        (PresetSettings(width: .value(1024)), ["width"]),
        (PresetSettings(height: .automatic), ["height"]),
        (PresetSettings(steps: 4), ["steps"]),
        (PresetSettings(guidanceScale: 1), ["guidance_scale"]),
        (PresetSettings(guidanceRescale: 0.7), ["guidance_rescale"]),
        (PresetSettings(sampler: .value(.eulerTrailing)), ["sampler"]),
        (PresetSettings(sampler: .automatic), ["sampler"]),
        (PresetSettings(seed: .fixed(5)), ["seed"]),
        (PresetSettings(originalSize: .value(PixelSize(width: 4096, height: 4096))), ["original_size"]),
        (PresetSettings(cropTopLeft: CropOffset(top: 512, left: 0)), ["crops_coords_top_left"]),
        (PresetSettings(targetSize: .automatic), ["target_size"]),
        (PresetSettings(negativeOriginalSize: .automatic), ["negative_original_size"]),
        (PresetSettings(negativeCropTopLeft: .zero), ["negative_crops_coords_top_left"]),
        (PresetSettings(negativeTargetSize: .value(PixelSize(width: 1, height: 1))), ["negative_target_size"]),
        (PresetSettings(aestheticScore: 3), ["aesthetic_score"]),
        (PresetSettings(negativeAestheticScore: 9), ["negative_aesthetic_score"]),
        (PresetSettings(refiner: .ensemble(switchAt: 0.7)), ["refiner"]),
        (PresetSettings(refinerSteps: .automatic), ["refiner_steps"]),
        (PresetSettings(refinerSeed: .value(1)), ["refiner_seed"]),
        (PresetSettings(keepBase: false), ["keep_base"]),
    ]

    @Test("apply(to:) changes exactly the settings the preset names")
    func onlyNamedSettings() throws {
        for (settings, keys) in Self.singleKeyPresets {
            var parameters = Self.unusual
            Preset(name: "one", settings: settings).apply(to: &parameters)
            #expect(try Self.changedKeys(Self.unusual, parameters) == keys, "\(keys)")
        }
    }

    @Test("capturing settings and applying them elsewhere gives the same settings, but not the prompts")
    func captureRoundTrip() throws {
        let plain = GenerationParameters(prompt: "a cat", negativePrompt: nil, seed: 3)
        for (source, destination) in [(Self.unusual, plain), (plain, Self.unusual)] {
            let preset = Preset(capturing: source, name: "captured")
            var result = destination
            preset.apply(to: &result)
            var expected = source
            expected.prompt = destination.prompt
            expected.prompt2 = destination.prompt2
            expected.negativePrompt = destination.negativePrompt
            expected.negativePrompt2 = destination.negativePrompt2
            expected.initImage = destination.initImage
            expected.seed = destination.seed
            #expect(result == expected)
            // Through the file too.
            let reread = try Preset(toml: preset.tomlText, file: "captured.toml")
            var fromFile = destination
            reread.apply(to: &fromFile)
            #expect(fromFile == expected)
        }
    }

    @Test("the seed is captured only when asked, fixed or random")
    func capturedSeed() {
        #expect(Preset(capturing: Self.unusual, name: "n").settings.seed == nil)
        #expect(Preset(capturing: Self.unusual, name: "n", seed: .fixed(Self.unusual.seed)).settings.seed == .fixed(987_654_321))
        #expect(Preset(capturing: Self.unusual, name: "n", seed: .random).settings.seed == .random)
    }

    @Test("a random seed is drawn anew on every application; a fixed one is not")
    func randomSeed() {
        var generator = PresetsTestGenerator(state: 7)
        let random = Preset(name: "r", settings: PresetSettings(seed: .random))
        var seeds: Set<UInt64> = []
        for _ in 0..<20 {
            var parameters = Self.unusual
            random.apply(to: &parameters, using: &generator)
            seeds.insert(parameters.seed)
        }
        #expect(seeds.count == 20)
        var parameters = Self.unusual
        Preset(name: "f", settings: PresetSettings(seed: .fixed(12))).apply(to: &parameters, using: &generator)
        #expect(parameters.seed == 12)
    }

    @Test("preview settings steer the queue's policy")
    func previewPolicy() {
        var policy = PreviewPolicy(mode: .automatic, maxShare: 0.2, maxInterval: 4)
        PresetPreview(decoder: .vae, interval: 3).apply(to: &policy)
        #expect(policy.mode == .fixed(.vae, interval: 3))
        #expect(policy.maxShare == 0.2)
        PresetPreview(interval: 7).apply(to: &policy)
        #expect(policy.mode == .fixed(.vae, interval: 7))
        PresetPreview(decoder: .latentRGB).apply(to: &policy)
        #expect(policy.mode == .fixed(.latentRGB, interval: 7))
        PresetPreview(decoder: .auto, interval: 2).apply(to: &policy)
        #expect(policy.mode == .automatic)
        #expect(policy.maxInterval == 2)
        PresetPreview(decoder: .off).apply(to: &policy)
        #expect(policy.mode == .off)
        PresetPreview().apply(to: &policy)
        #expect(policy.mode == .off)
        #expect(PresetPreview(capturing: PreviewPolicy(mode: .fixed(.tinyAutoencoder, interval: 9))) ==
                PresetPreview(decoder: .tinyAutoencoder, interval: 9))
        #expect(PresetPreview(capturing: PreviewPolicy(mode: .automatic, maxInterval: 6)) ==
                PresetPreview(decoder: .auto, interval: 6))
    }

    @Test("every setting a file accepts passes GenerationParameters' own validation")
    func loadedPresetsValidate() throws {
        let text = """
        [size]
        width = 4096
        height = 8
        [sampling]
        steps = 1000
        guidance_scale = 100
        guidance_rescale = 1
        [conditioning]
        original_size = "16384x16384"
        crops_coords_top_left = "16383,16383"
        negative_original_size = "1x1"
        negative_crops_coords_top_left = "0,0"
        aesthetic_score = 10
        negative_aesthetic_score = 0
        [refiner]
        mode = "refine_image"
        strength = 1
        steps = 1
        keep_base = true
        """
        let preset = try Preset(toml: text, file: "edges.toml")
        var parameters = GenerationParameters(prompt: "x")
        preset.apply(to: &parameters)
        #expect(parameters.problems() == [])
    }
}
