import ArgumentParser
import Foundation
import Models
import StableDiffusionXL

/// Which models to load, shared by the commands that generate.
struct ModelOptions: ParsableArguments {
    @Option(help: "The SDXL base model: a diffusers folder, a single-file .safetensors checkpoint, or a repository name in the Hugging Face cache.")
    var model: String?

    @Option(help: "The SDXL refiner model (same forms as --model), for --refiner-switch or --refine-strength.")
    var refiner: String?

    @Option(help: "A VAE to use instead of the model's own: a diffusers VAE folder or a .safetensors file.")
    var vae: String?

    @Option(help: "A diffusers folder whose configs describe a single-file --model (default: the bundled SDXL 1.0 configs).")
    var config: String?

    @Option(help: "How weights stay in memory: float32 (fastest) or half (half the memory).")
    var weights: WeightResidency = .float32

    /// Loads the base model and, when given, the refiner, sharing what they have in common.
    func load() throws -> (pipeline: SDXLPipeline, base: ModelReference, refiner: ModelReference?, vae: ModelReference?) {
        guard let model else {
            throw ValidationError("no model given: pass --model with an SDXL diffusers folder, .safetensors checkpoint or cached repository name")
        }
        let environment = ProcessInfo.processInfo.environment
        let baseFiles = try ModelLocation.resolve(model, environment: environment)
            .open(configFolder: config.map { URL(fileURLWithPath: $0) }, residency: weights)
        let externalVAE = try vae.map { try ExternalVAE(path: $0, modelConfig: baseFiles.configURL(for: .vae)) }
        let base = try SDXLModel.load(from: baseFiles, vae: externalVAE)
        var refinerModel: SDXLModel?
        var refinerReference: ModelReference?
        if let refiner {
            let files = try ModelLocation.resolve(refiner, environment: environment).open(residency: weights)
            refinerModel = try SDXLModel.load(from: files, vae: externalVAE, sharingWith: base)
            refinerReference = ModelReference(name: Self.name(of: files.origin), hash: try ModelFingerprint.compute(files))
        }
        let vaeReference = vae.map { ModelReference(name: Self.name(of: $0), hash: "") }
        return (SDXLPipeline(base: base, refiner: refinerModel),
                ModelReference(name: Self.name(of: baseFiles.origin), hash: try ModelFingerprint.compute(baseFiles)),
                refinerReference, vaeReference)
    }

    /// "sd_xl_base_1.0" for a file, the folder name for a folder, the repository for a cache snapshot.
    static func name(of origin: String) -> String {
        let url = URL(fileURLWithPath: origin)
        let parts = url.pathComponents
        if let index = parts.lastIndex(where: { $0.hasPrefix("models--") }) {
            return parts[index].dropFirst("models--".count).replacingOccurrences(of: "--", with: "/")
        }
        return url.pathExtension == "safetensors" ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
    }
}

extension WeightResidency: ExpressibleByArgument {}
