// One entry of manifest.json → "pipelines": a diffusers call, its settings and the tensors it
// produced (pipeline_<name>.safetensors).
import Imaging
import Foundation
import Models
import SafeTensors
import Schedulers
import StableDiffusionXL
import Tensors

struct PipelineScenario: Decodable, Sendable {
    struct Call: Decodable, Sendable {
        var prompt: String?
        var prompt2: String?
        var negativePrompt: String?
        var negativePrompt2: String?
        var width: Int?
        var height: Int?
        var steps: Int?
        var guidanceScale: Double?
        var guidanceRescale: Double?
        var originalSize: [Int]?
        var cropsCoordsTopLeft: [Int]?
        var targetSize: [Int]?
        var negativeOriginalSize: [Int]?
        var negativeCropsCoordsTopLeft: [Int]?
        var negativeTargetSize: [Int]?
        var denoisingEnd: Double?
        var denoisingStart: Double?
        var aestheticScore: Double?
        var negativeAestheticScore: Double?
        var strength: Double?

        enum CodingKeys: String, CodingKey {
            case prompt, width, height, strength
            case prompt2 = "prompt_2"
            case negativePrompt = "negative_prompt"
            case negativePrompt2 = "negative_prompt_2"
            case steps = "num_inference_steps"
            case guidanceScale = "guidance_scale"
            case guidanceRescale = "guidance_rescale"
            case originalSize = "original_size"
            case cropsCoordsTopLeft = "crops_coords_top_left"
            case targetSize = "target_size"
            case negativeOriginalSize = "negative_original_size"
            case negativeCropsCoordsTopLeft = "negative_crops_coords_top_left"
            case negativeTargetSize = "negative_target_size"
            case denoisingEnd = "denoising_end"
            case denoisingStart = "denoising_start"
            case aestheticScore = "aesthetic_score"
            case negativeAestheticScore = "negative_aesthetic_score"
        }
    }

    struct ImageInput: Decodable, Sendable {
        var scenario: String?
        var tensor: String?
        var png: String?
    }

    var name: String
    var pipeline: String
    var model: String
    var sampler: String
    var seed: UInt64
    var call: Call
    var imageInput: ImageInput?
    var compareTo: String?
    var file: String
    var usedTimesteps: [Float]

    enum CodingKeys: String, CodingKey {
        case name, pipeline, model, sampler, seed, call, file
        case imageInput = "image_input"
        case compareTo = "compare_to"
        case usedTimesteps = "used_timesteps"
    }

    /// The expected tensors of this scenario.
    func expected() throws -> SafeTensorsWeights {
        try SafeTensorsWeights(path: TinySDXL.url("expected/" + file).path)
    }

    /// The diffusers call's settings as GenerationParameters (the base call; the refiner's own values
    /// are merged by the tests that chain two scenarios).
    func parameters() throws -> GenerationParameters {
        var parameters = GenerationParameters(prompt: call.prompt ?? "")
        parameters.prompt2 = call.prompt2
        parameters.negativePrompt = call.negativePrompt
        parameters.negativePrompt2 = call.negativePrompt2
        parameters.width = call.width
        parameters.height = call.height
        parameters.steps = call.steps ?? 50
        parameters.guidanceScale = call.guidanceScale ?? 5.0
        parameters.guidanceRescale = call.guidanceRescale ?? 0
        parameters.seed = seed
        parameters.sampler = try SamplerKind(name: sampler)
        parameters.originalSize = call.originalSize.map(Self.size)
        parameters.cropTopLeft = call.cropsCoordsTopLeft.map(Self.crop) ?? .zero
        parameters.targetSize = call.targetSize.map(Self.size)
        parameters.negativeOriginalSize = call.negativeOriginalSize.map(Self.size)
        parameters.negativeCropTopLeft = call.negativeCropsCoordsTopLeft.map(Self.crop) ?? .zero
        parameters.negativeTargetSize = call.negativeTargetSize.map(Self.size)
        parameters.aestheticScore = call.aestheticScore ?? GenerationParameters.defaultAestheticScore
        parameters.negativeAestheticScore = call.negativeAestheticScore ?? GenerationParameters.defaultNegativeAestheticScore
        return parameters
    }

    /// diffusers' (height, width).
    static func size(_ pair: [Int]) -> PixelSize { PixelSize(width: pair[1], height: pair[0]) }
    /// diffusers' (top, left).
    static func crop(_ pair: [Int]) -> CropOffset { CropOffset(top: pair[0], left: pair[1]) }
}

enum Manifest {
    private struct File: Decodable {
        let pipelines: [PipelineScenario]
    }

    /// The scenarios, or an empty list when the fixture is missing (the tests that need one then fail).
    static let scenarios: [PipelineScenario] = {
        guard let data = try? Data(contentsOf: TinySDXL.url("expected/manifest.json")),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.pipelines
    }()

    static func scenario(_ name: String) throws -> PipelineScenario {
        guard let found = scenarios.first(where: { $0.name == name }) else {
            throw FixtureError.missingScenario(name)
        }
        return found
    }

    /// Text-to-image scenarios of the base model that need no other scenario.
    static var baseScenarioNames: [String] {
        scenarios.filter { $0.pipeline == "StableDiffusionXLPipeline" && $0.imageInput == nil && $0.call.denoisingEnd == nil }
            .map(\.name)
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case missingScenario(String)
    case missingTensor(String)

    var description: String {
        switch self {
        case .missingScenario(let name): "manifest.json has no pipeline scenario '\(name)'; regenerate the fixtures with Tools/make_sdxl_fixtures.py"
        case .missingTensor(let name): "the expected file has no tensor '\(name)'"
        }
    }
}
