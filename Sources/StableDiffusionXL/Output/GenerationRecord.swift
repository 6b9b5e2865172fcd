// What a generated PNG records about how it was made: the complete settings as JSON (keyword
// "sdxl"), read back by `sdxl info` and `--from`, and the same in the web UI's "parameters"
// text, which other tools read.
import Foundation
import Imaging
import Schedulers

/// A model named in metadata: a short name and a fingerprint of its weights.
public struct ModelReference: Codable, Hashable, Sendable {
    public var name: String
    public var hash: String

    public init(name: String, hash: String) {
        self.name = name
        self.hash = hash
    }
}

public struct GenerationRecord: Codable, Hashable, Sendable {
    public var parameters: GenerationParameters
    public var model: ModelReference
    public var refiner: ModelReference?
    public var vae: ModelReference?
    /// The program that wrote the image, e.g. "sdxl 0.1.0".
    public var software: String

    public static let keyword = "sdxl"
    public static let parametersKeyword = "parameters"
    /// A settings document larger than this is not trusted.
    public static let maximumJSONBytes = 256 * 1024

    public init(parameters: GenerationParameters, model: ModelReference, refiner: ModelReference? = nil,
                vae: ModelReference? = nil, software: String) {
        self.parameters = parameters
        self.model = model
        self.refiner = refiner
        self.vae = vae
        self.software = software
    }

    /// The text chunks to write: the web UI's "parameters" first, then the JSON.
    public func textChunks(size: PixelSize) throws -> [PNGTextChunk] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(self), as: UTF8.self)
        return [PNGTextChunk(keyword: Self.parametersKeyword, text: try infotext(size: size).parameters.formatted()),
                PNGTextChunk(keyword: Self.keyword, text: json, compressed: true)]
    }

    /// Reads the record from a PNG's text chunks.
    public init(metadata: PNGMetadata, path: String) throws(GenerationError) {
        guard let json = metadata.text.first(where: { $0.keyword == Self.keyword })?.text else {
            throw .unreadableMetadata(path: path, reason: "it has no '\(Self.keyword)' settings chunk (it was not made by sdxl)")
        }
        guard json.utf8.count <= Self.maximumJSONBytes else {
            throw .unreadableMetadata(path: path, reason: "its settings chunk is larger than \(Self.maximumJSONBytes) bytes")
        }
        do {
            self = try JSONDecoder().decode(GenerationRecord.self, from: Data(json.utf8))
        } catch {
            throw .unreadableMetadata(path: path, reason: "its settings chunk is not valid (\(error))")
        }
    }

    /// The settings in the web UI's vocabulary.
    public func infotext(size: PixelSize) -> SDXLInfotext {
        let p = parameters
        var text = SDXLInfotext(prompt: p.prompt, negativePrompt: p.negativePrompt ?? "")
        text.steps = p.steps
        text.sampler = (p.sampler ?? .euler).rawValue
        text.cfgScale = p.guidanceScale
        text.seed = p.seed
        text.size = size
        text.model = model.name
        text.modelHash = model.hash
        text.vae = vae?.name
        text.vaeHash = vae?.hash
        text.prompt2 = p.prompt2
        text.negativePrompt2 = p.negativePrompt2
        text.originalSize = p.originalSize
        text.cropTop = p.cropTopLeft.top
        text.cropLeft = p.cropTopLeft.left
        text.targetSize = p.targetSize
        text.denoisingStrength = p.initImage?.strength
        switch p.refiner {
        case .none:
            break
        case .ensemble(let switchAt):
            text.refiner = refiner.map { "\($0.name) [\($0.hash)]" }
            text.refinerSwitchAt = switchAt
        case .refineImage(let strength):
            text.refiner = refiner.map { "\($0.name) [\($0.hash)]" }
            text.denoisingStrength = strength
        }
        if p.refiner != .none {
            text.aestheticScore = p.aestheticScore
            text.negativeAestheticScore = p.negativeAestheticScore
        }
        text.version = software
        return text
    }
}
