import CLIPTokenizer
import Foundation
import Jobs
import Models
import Schedulers
import StableDiffusionXL

/// Loads the tiny SDXL fixture (Tests/Fixtures/tiny-sdxl, made by Tools/make_sdxl_fixtures.py) for
/// a `ModelHost`. Its refiner folder holds only the UNet and the scheduler; text encoder 2, its
/// tokenizer and the VAE are the base's, as in the fixture script.
enum TinyModels {
    static var root: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tiny-sdxl")
    }

    static let selection = ModelSelection(base: root.appendingPathComponent("base").path,
                                          refiner: root.appendingPathComponent("refiner").path)

    static func load(_ role: ModelHost.Role, _ location: String) throws -> SDXLModel {
        let folder = try DiffusersFolder(URL(fileURLWithPath: location))
        let shared = try DiffusersFolder(root.appendingPathComponent("base"))
        let tokenizer2 = try CLIPTokenizer(folder: shared.root.appendingPathComponent("tokenizer_2"))
        let textEncoder2 = try CLIPTextModelWithProjection(
            config: CLIPTextConfig.load(path: shared.configURL(for: .textEncoder2).path),
            weights: shared.weights(for: .textEncoder2))
        let vaeConfig = try shared.configURL(for: .vae).path
        let vae = try AutoencoderKL(config: AutoencoderKLConfig.load(path: vaeConfig),
                                    weights: WeightLoader(shared.weights(for: .vae)), configPath: vaeConfig)
        let unetConfigPath = try folder.configURL(for: .unet).path
        let unetConfig = try UNetConfig.load(path: unetConfigPath)
        let unet = try UNet2DConditionModel(config: unetConfig, configPath: unetConfigPath,
                                            weights: folder.weights(for: .unet))
        var tokenizer: CLIPTokenizer?
        var textEncoder: CLIPTextModel?
        if role == .base {
            tokenizer = try CLIPTokenizer(folder: folder.root.appendingPathComponent("tokenizer"))
            textEncoder = try CLIPTextModel(config: CLIPTextConfig.load(path: folder.configURL(for: .textEncoder).path),
                                            weights: folder.weights(for: .textEncoder))
        }
        return try SDXLModel(tokenizer: tokenizer, textEncoder: textEncoder, tokenizer2: tokenizer2,
                             textEncoder2: textEncoder2, unet: unet, sampleSize: unetConfig.sampleSize, vae: vae,
                             schedulerConfig: SchedulerConfig.load(contentsOf: folder.configURL(for: .scheduler)),
                             index: folder.index)
    }
}
