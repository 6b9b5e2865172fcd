import Foundation

/// A diffusers pipeline's model_index.json: the pipeline class and its options.
/// Component entries (`"unet": ["diffusers", "UNet2DConditionModel"]`) name the sub-folders.
public struct ModelIndex: Sendable, Equatable {
    public var className: String
    public var components: [String: String]          // sub-folder → class name
    public var forceZerosForEmptyPrompt: Bool
    public var requiresAestheticsScore: Bool

    public static let sdxlBase = ModelIndex(
        className: "StableDiffusionXLPipeline",
        components: ["text_encoder": "CLIPTextModel", "text_encoder_2": "CLIPTextModelWithProjection",
                     "tokenizer": "CLIPTokenizer", "tokenizer_2": "CLIPTokenizer",
                     "unet": "UNet2DConditionModel", "vae": "AutoencoderKL", "scheduler": "EulerDiscreteScheduler"],
        forceZerosForEmptyPrompt: true, requiresAestheticsScore: false)

    public static let sdxlRefiner = ModelIndex(
        className: "StableDiffusionXLImg2ImgPipeline",
        components: ["text_encoder_2": "CLIPTextModelWithProjection", "tokenizer_2": "CLIPTokenizer",
                     "unet": "UNet2DConditionModel", "vae": "AutoencoderKL", "scheduler": "EulerDiscreteScheduler"],
        forceZerosForEmptyPrompt: false, requiresAestheticsScore: true)

    public init(className: String, components: [String: String], forceZerosForEmptyPrompt: Bool,
                requiresAestheticsScore: Bool) {
        self.className = className
        self.components = components
        self.forceZerosForEmptyPrompt = forceZerosForEmptyPrompt
        self.requiresAestheticsScore = requiresAestheticsScore
    }

    static func describe(_ className: String) -> String {
        switch className {
        case "": return "a pipeline of unknown kind"
        case "StableDiffusionPipeline", "StableDiffusionImg2ImgPipeline": return "a Stable Diffusion 1.x or 2.x pipeline (\(className))"
        default: return "a \(className)"
        }
    }

    /// Reads and checks model_index.json (at most 1 MB).
    public init(contentsOf url: URL) throws {
        let path = url.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? NSNumber else {
            throw ModelError.missingFile(path: path, hint: "a diffusers model folder needs model_index.json")
        }
        guard size.intValue <= 1 << 20 else {
            throw ModelError.invalidConfig(path: path, reason: "model_index.json is \(size) bytes; refusing a file over 1 MB")
        }
        let data = try Data(contentsOf: url)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ModelError.invalidConfig(path: path, reason: "not a JSON object; re-download model_index.json")
        }
        className = object["_class_name"] as? String ?? ""
        var components: [String: String] = [:]
        for (key, value) in object where !key.hasPrefix("_") {
            // A component is ["library", "ClassName"]; null entries (absent components) are skipped.
            if let pair = value as? [Any], pair.count == 2, let name = pair[1] as? String {
                components[key] = name
            }
        }
        self.components = components
        forceZerosForEmptyPrompt = (object["force_zeros_for_empty_prompt"] as? Bool) ?? true
        requiresAestheticsScore = (object["requires_aesthetics_score"] as? Bool) ?? false
        // Other diffusers pipelines (StableDiffusionPipeline for SD 1.x and 2.x, Flux, …) are named
        // for what they are. A folder without a class name is accepted when it has SDXL's encoder 2.
        let isSDXL = className.isEmpty ? components["text_encoder_2"] != nil : className.contains("StableDiffusionXL")
        guard isSDXL, components["unet"] != nil else {
            throw ModelError.notSDXL(path: path, detected: Self.describe(className))
        }
    }
}
