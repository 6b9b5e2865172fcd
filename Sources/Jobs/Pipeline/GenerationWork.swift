import Imaging
import StableDiffusionXL

/// One SDXL generation for the queue: the settings, the models, the init image when the settings
/// ask for one (read by the submitter), and the PNG text (generation parameters) to save with
/// the images.
public struct GenerationWork: Sendable {
    public var parameters: GenerationParameters
    public var models: ModelSelection
    public var initImage: RGBImage?
    public var pngText: [PNGTextChunk]

    public init(parameters: GenerationParameters, models: ModelSelection, initImage: RGBImage? = nil,
                pngText: [PNGTextChunk] = []) {
        self.parameters = parameters
        self.models = models
        self.initImage = initImage
        self.pngText = pngText
    }
}

extension JobRequest where Work == GenerationWork {
    /// A request whose title is the prompt and whose history settings are the parameters' JSON.
    public static func generation(_ work: GenerationWork, fileStem: String? = nil) throws -> JobRequest {
        let prompt = work.parameters.prompt
        let title = prompt.count > 60 ? String(prompt.prefix(59)) + "…" : prompt
        var settings = try JSONValue(encoding: work.parameters)
        if case var .object(members) = settings {
            members["models"] = try JSONValue(encoding: work.models)
            settings = .object(members)
        }
        return JobRequest(work: work, title: title.isEmpty ? "(no prompt)" : title, settings: settings,
                          fileStem: fileStem)
    }
}
