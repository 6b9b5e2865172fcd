import Foundation
import SafeTensors

/// A checkpoint in Stability's original single-file layout (sd_xl_base_1.0.safetensors,
/// sd_xl_refiner_1.0.safetensors). It carries weights only: the configs come from a folder
/// the user names or, by default, from the published SDXL 1.0 configs bundled with sdxl.
public struct SingleFileCheckpoint: ModelFiles {
    public let url: URL
    public let kind: CheckpointKind
    public let configRoot: URL
    public let index: ModelIndex
    private let weights: SafeTensorsWeights

    public init(_ url: URL, configFolder: URL? = nil, residency: WeightResidency = .float32) throws {
        self.url = url
        let file = try SafeTensorsFile(path: url.path)
        weights = SafeTensorsWeights(file, origin: url.path, residency: residency)
        kind = CheckpointKind(tensorNames: file.names)
        guard kind == .sdxlBase || kind == .sdxlRefiner else {
            throw ModelError.notSDXL(path: url.path, detected: kind.description)
        }
        guard let root = configFolder ?? Self.bundledConfigs(for: kind) else {
            throw ModelError.missingFile(path: "sdxl-base-1.0", hint: "the bundled SDXL configs are missing from the installation; pass a diffusers folder with --config")
        }
        configRoot = root
        index = try ModelIndex(contentsOf: root.appendingPathComponent("model_index.json"))
    }

    /// The bundled configs of SDXL 1.0 base or refiner.
    public static func bundledConfigs(for kind: CheckpointKind) -> URL? {
        let name = kind == .sdxlRefiner ? "sdxl-refiner-1.0" : "sdxl-base-1.0"
        return Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: nil)
    }

    public var origin: String { url.path }

    public func has(_ component: PipelineComponent) -> Bool {
        switch component {
        case .textEncoder, .tokenizer: return kind == .sdxlBase
        case .textEncoder2, .tokenizer2, .unet, .vae, .scheduler: return true
        }
    }

    public func configURL(for component: PipelineComponent) throws -> URL {
        let name = component == .scheduler ? "scheduler_config.json" : "config.json"
        let url = configRoot.appendingPathComponent(component.rawValue).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ModelError.missingFile(path: url.path, hint: "the config folder has no \(component.rawValue)/\(name)")
        }
        return url
    }

    public func weights(for component: PipelineComponent) throws -> any WeightSource {
        switch component {
        case .unet:
            let layersPerBlock = try configInteger("layers_per_block", of: .unet)
            return remapped(prefix: "model.diffusion_model.") { key in
                StabilityKeyMap.unetName(key, layersPerBlock: layersPerBlock)
                    .map { [MappedKey(name: $0, source: key, transform: .identity)] } ?? []
            }
        case .vae:
            let levels = try configArrayCount("block_out_channels", of: .vae)
            return remapped(prefix: "first_stage_model.") { key in
                StabilityKeyMap.vaeName(key, levels: levels)
                    .map { [MappedKey(name: $0.0, source: key, transform: $0.1)] } ?? []
            }
        case .textEncoder:
            return remapped(prefix: "conditioner.embedders.0.transformer.") { key in
                [MappedKey(name: key, source: key, transform: .identity)]
            }
        case .textEncoder2:
            let prefix = kind == .sdxlRefiner ? "conditioner.embedders.0.model." : "conditioner.embedders.1.model."
            return remapped(prefix: prefix, StabilityKeyMap.openCLIPNames)
        case .tokenizer, .tokenizer2, .scheduler:
            throw ModelError.missingFile(path: url.path, hint: "\(component.rawValue) has no weights")
        }
    }

    /// Single files carry no tokenizer; the bundled CLIP vocabulary serves both encoders.
    public func tokenizerFolder(for component: PipelineComponent) -> URL? { nil }

    /// The checkpoint's tensors under `prefix`, renamed by `map` (which sees the key without the prefix).
    private func remapped(prefix: String, _ map: (String) -> [MappedKey]) -> RemappedWeights {
        let entries = weights.names.filter { $0.hasPrefix(prefix) }.flatMap { name in
            map(String(name.dropFirst(prefix.count))).map {
                MappedKey(name: $0.name, source: prefix + $0.source, transform: $0.transform)
            }
        }
        return RemappedWeights(base: weights, entries: entries)
    }

    private func config(of component: PipelineComponent) throws -> [String: Any] {
        let url = try configURL(for: component)
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw ModelError.invalidConfig(path: url.path, reason: "not a JSON object")
        }
        return object
    }

    private func configInteger(_ key: String, of component: PipelineComponent) throws -> Int {
        guard let value = try config(of: component)[key] as? Int, value > 0, value < 64 else {
            throw ModelError.invalidConfig(path: try configURL(for: component).path, reason: "'\(key)' must be a small positive integer")
        }
        return value
    }

    private func configArrayCount(_ key: String, of component: PipelineComponent) throws -> Int {
        guard let value = try config(of: component)[key] as? [Any], !value.isEmpty, value.count < 64 else {
            throw ModelError.invalidConfig(path: try configURL(for: component).path, reason: "'\(key)' must be a non-empty list")
        }
        return value.count
    }
}
