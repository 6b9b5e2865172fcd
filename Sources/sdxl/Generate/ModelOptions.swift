import ArgumentParser
import Foundation
import Jobs
import Models
import StableDiffusionXL
import Studio

/// Which models to load, shared by the commands that generate.
struct ModelOptions: ParsableArguments {
    @Option(help: "The SDXL base model: a diffusers folder, a single-file .safetensors checkpoint, a repository name in the Hugging Face cache, or demo (the bundled demo model, also the default).")
    var model: String?

    @Option(help: "The SDXL refiner model (same forms as --model), for --refiner-switch or --refine-strength (default with the demo model: the demo refiner).")
    var refiner: String?

    @Option(help: "A VAE to use instead of the model's own: a diffusers VAE folder or a .safetensors file.")
    var vae: String?

    @Option(help: "A diffusers folder whose configs describe a single-file --model (default: the bundled SDXL 1.0 configs).")
    var config: String?

    @Option(help: "How weights stay in memory: float32 (fastest) or half (half the memory).")
    var weights: WeightResidency = .float32

    @Option(name: .customLong("memory-limit"),
            help: "Memory the process may use in all, such as 8G or 12000M (default: what the machine has available). A job whose activations would not fit is refused with a size that would.")
    var memoryLimit: MemorySize?

    @Flag(name: .customLong("ignore-memory-limit"), help: "Run jobs even when they look too big for the memory.")
    var ignoreMemoryLimit = false

    /// The limit the job queue applies.
    var limit: MemoryLimit {
        if ignoreMemoryLimit { return .ignored }
        return memoryLimit.map { .total($0.bytes) } ?? .machine
    }

    @Option(help: "TAESDXL weights (a diffusers AutoencoderTiny folder or .safetensors file) for cheap previews.")
    var tae: String?

    /// The TAESDXL decoder of `--tae`, when given.
    func loadTinyAutoencoder() throws -> AutoencoderTiny? {
        try tae.map { try AutoencoderTiny.load(from: URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath)) }
    }

    /// Loads the base model and, when given, the refiner, sharing what they have in common.
    func load() throws -> (pipeline: SDXLPipeline, base: ModelReference, refiner: ModelReference?, vae: ModelReference?) {
        let loaded = try loadPipeline()
        let refinerReference = try loaded.refinerFiles.map {
            ModelReference(name: Self.name(of: $0.origin), hash: try ModelFingerprint.compute($0))
        }
        let vaeReference = vae.map { ModelReference(name: Self.name(of: $0), hash: "") }
        return (loaded.pipeline,
                ModelReference(name: Self.name(of: loaded.baseFiles.origin), hash: try ModelFingerprint.compute(loaded.baseFiles)),
                refinerReference, vaeReference)
    }

    /// The pipeline and the files it came from, without fingerprinting them.
    func loadPipeline() throws -> (pipeline: SDXLPipeline, baseFiles: any ModelFiles, refinerFiles: (any ModelFiles)?) {
        let (model, refiner) = try resolvedLocations()
        let environment = ProcessInfo.processInfo.environment
        let baseFiles = try ModelLocation.resolve(model, environment: environment)
            .open(configFolder: config.map { URL(fileURLWithPath: $0) }, residency: weights)
        let externalVAE = try vae.map { try ExternalVAE(path: $0, modelConfig: baseFiles.configURL(for: .vae)) }
        let base = try SDXLModel.load(from: baseFiles, vae: externalVAE)
        var refinerModel: SDXLModel?
        var refinerFiles: (any ModelFiles)?
        if let refiner {
            let files = try ModelLocation.resolve(refiner, environment: environment).open(residency: weights)
            refinerModel = try SDXLModel.load(from: files, vae: externalVAE, sharingWith: base)
            refinerFiles = files
        }
        return (SDXLPipeline(base: base, refiner: refinerModel), baseFiles, refinerFiles)
    }

    /// The models as the job queue names them (where they were given).
    var selection: ModelSelection {
        let locations = try? resolvedLocations()
        return ModelSelection(base: locations?.model ?? model ?? "", refiner: locations?.refiner ?? refiner)
    }

    /// The name the bundled demo model answers to.
    static let demoName = "demo"

    /// `--model` and `--refiner`, with the bundled demo model (base and refiner) standing in
    /// when no model is given or `demo` is named.
    func resolvedLocations() throws -> (model: String, refiner: String?) {
        guard model == nil || model == Self.demoName else { return (model ?? "", refiner) }
        guard let resources = ProgramResources.locate(),
              FileManager.default.fileExists(atPath: resources.demoModel.appendingPathComponent("model_index.json").path) else {
            throw ValidationError("no model given and the bundled demo model was not found: pass --model with an SDXL diffusers folder, .safetensors checkpoint or cached repository name (or set SDXL_RESOURCES to the folder holding DemoModel/)")
        }
        let demoRefiner = FileManager.default.fileExists(atPath: resources.demoRefiner.path) ? resources.demoRefiner.path : nil
        return (resources.demoModel.path, refiner ?? demoRefiner)
    }

    /// "sd_xl_base_1.0" for a file, the folder name for a folder, the repository for a cache snapshot.
    static func name(of origin: String) -> String {
        let url = URL(fileURLWithPath: origin)
        if url.deletingLastPathComponent().lastPathComponent == "DemoModel" {
            return url.lastPathComponent == "base" ? demoName : "\(demoName)-\(url.lastPathComponent)"
        }
        let parts = url.pathComponents
        if let index = parts.lastIndex(where: { $0.hasPrefix("models--") }) {
            return parts[index].dropFirst("models--".count).replacingOccurrences(of: "--", with: "/")
        }
        return url.pathExtension == "safetensors" ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
    }
}

extension WeightResidency: ExpressibleByArgument {}

/// A byte count written with an optional binary suffix: 8G, 512M, 65536K, 1T, or plain bytes.
struct MemorySize: ExpressibleByArgument {
    let bytes: Int

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = Substring(text)
        var unit = 1
        if let last = digits.last, let scale = units[last] {
            unit = scale
            digits = digits.dropLast()
        }
        guard let value = Double(digits), value.isFinite, value > 0, value * Double(unit) < Double(Int.max) else { return nil }
        bytes = Int(value * Double(unit))
    }
}
