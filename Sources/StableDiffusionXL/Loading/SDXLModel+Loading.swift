// Building an SDXLModel from a model's files, whatever their layout (diffusers folder, single
// file, hub cache), with an optional separate VAE.
import CLIPTokenizer
import Foundation
import Models
import Schedulers

extension SDXLModel {
    /// Loads every component the model has.
    /// - Parameters:
    ///   - files: the model's configs and weights.
    ///   - vae: a VAE given apart from the model (`--vae`), replacing the model's own.
    ///   - sharingWith: a model already loaded whose text encoder 2 and VAE are reused when
    ///     they come from the same weight files (a refiner next to its base).
    public static func load(from files: any ModelFiles, vae externalVAE: ExternalVAE? = nil,
                            sharingWith other: SDXLModel? = nil) throws -> SDXLModel {
        let hasEncoder1 = files.has(.textEncoder)
        let tokenizer = hasEncoder1 ? try tokenizer(files, .tokenizer, pad: .endOfText) : nil
        let textEncoder = hasEncoder1
            ? try CLIPTextModel(config: CLIPTextConfig.load(path: files.configURL(for: .textEncoder).path),
                                weights: files.weights(for: .textEncoder))
            : nil

        let encoder2Weights = try files.weights(for: .textEncoder2)
        let textEncoder2: CLIPTextModelWithProjection
        if let other, other.textEncoder2Origin == encoder2Weights.origin.resolvedPath {
            textEncoder2 = other.textEncoder2
        } else {
            textEncoder2 = try CLIPTextModelWithProjection(
                config: CLIPTextConfig.load(path: files.configURL(for: .textEncoder2).path), weights: encoder2Weights)
        }

        let unetConfigPath = try files.configURL(for: .unet).path
        let unetConfig = try UNetConfig.load(path: unetConfigPath)
        let unet = try UNet2DConditionModel(config: unetConfig, configPath: unetConfigPath,
                                            weights: files.weights(for: .unet))

        let vaeConfigURL = try externalVAE.map(\.configURL) ?? files.configURL(for: .vae)
        let vaeWeights = try externalVAE.map(\.weights) ?? files.weights(for: .vae)
        let vae: AutoencoderKL
        if let other, other.vaeOrigin == vaeWeights.origin.resolvedPath {
            vae = other.vae
        } else {
            vae = try AutoencoderKL(config: AutoencoderKLConfig.load(path: vaeConfigURL.path),
                                    weights: WeightLoader(vaeWeights), configPath: vaeConfigURL.path)
        }

        var model = try SDXLModel(
            tokenizer: tokenizer, textEncoder: textEncoder,
            tokenizer2: try Self.tokenizer(files, .tokenizer2, pad: .exclamationMark), textEncoder2: textEncoder2,
            unet: unet, sampleSize: unetConfig.sampleSize, vae: vae,
            schedulerConfig: SchedulerConfig.load(contentsOf: files.configURL(for: .scheduler)),
            index: files.index)
        model.textEncoder2Origin = encoder2Weights.origin.resolvedPath
        model.vaeOrigin = vaeWeights.origin.resolvedPath
        return model
    }

    /// The model's own tokenizer folder, or the bundled CLIP vocabulary (single-file checkpoints).
    private static func tokenizer(_ files: any ModelFiles, _ component: PipelineComponent,
                                  pad: PadToken) throws -> CLIPTokenizer {
        if let folder = files.tokenizerFolder(for: component) {
            return try CLIPTokenizer(folder: folder)
        }
        return try CLIPTokenizer.bundled(padToken: pad)
    }
}

extension String {
    /// The path with symbolic links resolved, so two routes to one file compare equal.
    var resolvedPath: String { URL(fileURLWithPath: self).resolvingSymlinksInPath().path }
}
