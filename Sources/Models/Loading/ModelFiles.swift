import Foundation
import SafeTensors

/// The components of an SDXL pipeline, by their diffusers sub-folder names.
public enum PipelineComponent: String, Sendable, CaseIterable {
    case textEncoder = "text_encoder"
    case textEncoder2 = "text_encoder_2"
    case tokenizer
    case tokenizer2 = "tokenizer_2"
    case unet
    case vae
    case scheduler
}

/// Where each component's config and weights come from, whatever the user's layout:
/// a diffusers folder (possibly in the hub cache) or a single-file checkpoint.
public protocol ModelFiles: Sendable {
    /// A name for messages and metadata (the folder or file).
    var origin: String { get }
    var index: ModelIndex { get }
    /// Whether the model has this component at all (the refiner has no text encoder 1).
    func has(_ component: PipelineComponent) -> Bool
    /// The component's config file (config.json, scheduler_config.json).
    func configURL(for component: PipelineComponent) throws -> URL
    /// The component's weights under diffusers' names.
    func weights(for component: PipelineComponent) throws -> any WeightSource
    /// The tokenizer folder (vocab.json, merges.txt …); nil when the model carries none.
    func tokenizerFolder(for component: PipelineComponent) -> URL?
}

extension ModelLocation {
    /// Opens the model's files; `configFolder` describes a single-file checkpoint.
    public func open(configFolder: URL? = nil, residency: WeightResidency = .float32) throws -> any ModelFiles {
        switch self {
        case .diffusersFolder(let url): return try DiffusersFolder(url, residency: residency)
        case .singleFile(let url): return try SingleFileCheckpoint(url, configFolder: configFolder, residency: residency)
        }
    }
}
