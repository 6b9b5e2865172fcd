// Opening a tiny autoencoder (TAESDXL) for previews: a diffusers folder (config.json and
// diffusion_pytorch_model[.variant].safetensors, as madebyollin/taesdxl is published), or one
// .safetensors file. A lone file has no config.json, so it is read with TAESDXL's configuration
// unless the caller gives one; its keys may be diffusers' (decoder.layers.N…) or those of the
// original TAESD code (see TinyDecoderKeyNames.swift).
import Foundation
import SafeTensors

extension AutoencoderTiny {
    /// The base name of a diffusers model's weight files.
    public static let weightsBaseName = "diffusion_pytorch_model"

    /// Loads the decoder from a diffusers AutoencoderTiny folder or a single .safetensors file.
    /// - Parameters:
    ///   - config: used instead of the folder's config.json, or for a single file instead of
    ///     TAESDXL's configuration.
    ///   - variants: the weight files to look for in a folder, in order.
    public static func load(from url: URL, config: AutoencoderTinyConfig? = nil,
                            preferring variants: [WeightFileVariant] = [.standard, .fp16]) throws -> AutoencoderTiny {
        let path = (url.path as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelError.missingFile(
                path: path,
                hint: "a preview decoder is a diffusers AutoencoderTiny folder (config.json and \(weightsBaseName).safetensors, as madebyollin/taesdxl) or one .safetensors file")
        }
        if isDirectory.boolValue {
            let configPath = path.hasSuffix("/") ? path + "config.json" : path + "/config.json"
            let folderConfig = try config ?? AutoencoderTinyConfig.load(path: configPath)
            let location = try WeightFileLocation.find(in: path, baseName: weightsBaseName, preferring: variants)
            let weights = SafeTensorsWeights(try location.open(), origin: location.path)
            return try AutoencoderTiny(config: folderConfig, weights: WeightLoader(weights),
                                       configPath: config == nil ? configPath : "the configuration given for \(path)")
        }
        let file = try SafeTensorsFile(path: try ModelLocation.checkedCheckpointFile(URL(fileURLWithPath: path)).path)
        let weights = try TinyDecoderKeyNames.diffusersView(of: file, origin: path)
        return try AutoencoderTiny(config: config ?? .taesdxl, weights: WeightLoader(weights),
                                   configPath: config == nil ? "TAESDXL's configuration" : "the configuration given for \(path)")
    }
}
