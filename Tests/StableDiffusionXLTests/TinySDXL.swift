// The tiny SDXL fixture written by Tools/make_sdxl_fixtures.py (Tests/Fixtures/tiny-sdxl): the base
// and refiner models, loaded once, and the pipeline scenarios of its manifest.
import CLIPTokenizer
import Foundation
import Models
import SafeTensors
import Schedulers
import StableDiffusionXL
import Tensors

enum TinySDXL {
    /// Tests/Fixtures/tiny-sdxl, found from this file's real location (the target folder may be a link).
    static var root: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tiny-sdxl")
    }

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The base and refiner pipeline, loaded once for all tests.
    static let loaded: Result<SDXLPipeline, any Error> = Result { try loadPipeline() }

    static func pipeline() throws -> SDXLPipeline { try loaded.get() }

    /// The refiner folder holds only its UNet and scheduler: text encoder 2, its tokenizer and the VAE
    /// are the base's, as the fixture script shares them. `poisoned` names weights (as
    /// "unet/conv_out.bias", "vae/decoder.conv_out.bias", "refiner-unet/…") to load as NaN.
    static func loadPipeline(poisoned: Set<String> = []) throws -> SDXLPipeline {
        func weights(_ folder: DiffusersFolder, _ component: PipelineComponent, _ prefix: String) throws -> any WeightSource {
            let source = try folder.weights(for: component)
            let names = Set(poisoned.compactMap { $0.hasPrefix(prefix + "/") ? String($0.dropFirst(prefix.count + 1)) : nil })
            return names.isEmpty ? source : PoisonedWeights(inner: source, poisoned: names)
        }
        let baseFolder = try DiffusersFolder(url("base"))
        let refinerFolder = try DiffusersFolder(url("refiner"))
        let tokenizer = try CLIPTokenizer(folder: url("base/tokenizer"))
        let tokenizer2 = try CLIPTokenizer(folder: url("base/tokenizer_2"))
        let textEncoder = try CLIPTextModel(
            config: CLIPTextConfig.load(path: baseFolder.configURL(for: .textEncoder).path),
            weights: weights(baseFolder, .textEncoder, "text_encoder"))
        let textEncoder2 = try CLIPTextModelWithProjection(
            config: CLIPTextConfig.load(path: baseFolder.configURL(for: .textEncoder2).path),
            weights: weights(baseFolder, .textEncoder2, "text_encoder_2"))
        let vaeConfigPath = try baseFolder.configURL(for: .vae).path
        let vae = try AutoencoderKL(config: AutoencoderKLConfig.load(path: vaeConfigPath),
                                    weights: WeightLoader(weights(baseFolder, .vae, "vae")), configPath: vaeConfigPath)

        func unet(_ folder: DiffusersFolder, _ prefix: String) throws -> (UNet2DConditionModel, SampleSize?) {
            let path = try folder.configURL(for: .unet).path
            let config = try UNetConfig.load(path: path)
            return (try UNet2DConditionModel(config: config, configPath: path, weights: weights(folder, .unet, prefix)),
                    config.sampleSize)
        }
        let (baseUNet, baseSampleSize) = try unet(baseFolder, "unet")
        let (refinerUNet, refinerSampleSize) = try unet(refinerFolder, "refiner-unet")

        let base = try SDXLModel(
            tokenizer: tokenizer, textEncoder: textEncoder, tokenizer2: tokenizer2, textEncoder2: textEncoder2,
            unet: baseUNet, sampleSize: baseSampleSize, vae: vae,
            schedulerConfig: SchedulerConfig.load(contentsOf: baseFolder.configURL(for: .scheduler)),
            index: baseFolder.index)
        let refiner = try SDXLModel(
            tokenizer: nil, textEncoder: nil, tokenizer2: tokenizer2, textEncoder2: textEncoder2,
            unet: refinerUNet, sampleSize: refinerSampleSize, vae: vae,
            schedulerConfig: SchedulerConfig.load(contentsOf: refinerFolder.configURL(for: .scheduler)),
            index: refinerFolder.index)
        return SDXLPipeline(base: base, refiner: refiner)
    }
}

/// Weights with some tensors replaced by NaN: a model that fails numerically, for the tests that
/// check that such a failure never comes out as an image.
struct PoisonedWeights: WeightSource {
    let inner: any WeightSource
    let poisoned: Set<String>

    var names: [String] { inner.names }
    var origin: String { inner.origin }
    func shape(of name: String) -> [Int]? { inner.shape(of: name) }

    func tensor(named name: String) throws -> Tensor {
        let tensor = try inner.tensor(named: name)
        return poisoned.contains(name) ? Tensor(repeating: .nan, shape: tensor.shape) : tensor
    }
}
