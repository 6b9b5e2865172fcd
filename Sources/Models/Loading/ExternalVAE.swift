import Foundation
import SafeTensors

/// A VAE given apart from the model (`--vae`), such as sdxl-vae-fp16-fix: a diffusers folder with
/// config.json, or one .safetensors file in diffusers' or Stability's naming, described by the
/// model's own VAE config.
public struct ExternalVAE: Sendable {
    public let configURL: URL
    public let weights: any WeightSource

    /// - Parameter modelConfig: the model's vae/config.json, used for a bare weights file.
    public init(path: String, modelConfig: URL) throws {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ModelError.missingFile(path: url.path, hint: "--vae takes a diffusers VAE folder or a .safetensors file")
        }
        if isDirectory.boolValue {
            configURL = url.appendingPathComponent("config.json")
            guard FileManager.default.fileExists(atPath: configURL.path) else {
                throw ModelError.missingFile(path: configURL.path, hint: "a diffusers VAE folder has config.json")
            }
            let location = try WeightFileLocation.find(in: url.path, baseName: "diffusion_pytorch_model")
            weights = SafeTensorsWeights(try location.open(), origin: location.path)
            return
        }
        let file = try SafeTensorsFile(path: try ModelLocation.checkedCheckpointFile(url).path)
        let source = SafeTensorsWeights(file, origin: url.path)
        configURL = modelConfig
        switch CheckpointKind(tensorNames: file.names) {
        case .vaeOnly:
            break
        case let kind:
            throw ModelError.notSDXL(path: url.path, detected: kind == .unknown ? "not a VAE" : kind.description)
        }
        if file.names.contains(where: { $0.hasPrefix("encoder.down_blocks.") || $0.hasPrefix("decoder.up_blocks.") }) {
            weights = source
            return
        }
        // Stability's naming, with or without the `first_stage_model.` prefix of a full checkpoint.
        let levels = try Self.levels(in: modelConfig)
        let entries = file.names.compactMap { name -> MappedKey? in
            let key = name.hasPrefix("first_stage_model.") ? String(name.dropFirst("first_stage_model.".count)) : name
            return StabilityKeyMap.vaeName(key, levels: levels).map { MappedKey(name: $0.0, source: name, transform: $0.1) }
        }
        weights = RemappedWeights(base: source, entries: entries)
    }

    private static func levels(in config: URL) throws -> Int {
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: config)) as? [String: Any],
              let channels = object["block_out_channels"] as? [Any], !channels.isEmpty, channels.count < 64 else {
            throw ModelError.invalidConfig(path: config.path, reason: "'block_out_channels' must be a non-empty list")
        }
        return channels.count
    }
}
