// Opening a VAE from a diffusers component folder (vae/): config.json and
// diffusion_pytorch_model[.variant].safetensors, or its sharded index, found as diffusers 0.42 names them.
import SafeTensors

extension AutoencoderKL {
    /// The base name of a diffusers model's weight files.
    public static let weightsBaseName = "diffusion_pytorch_model"

    /// Reads `folder/config.json`, finds the weights (trying `variants` in order) and builds the VAE.
    public init(folder: String, preferring variants: [WeightFileVariant] = [.standard, .fp16]) throws {
        let configPath = folder.hasSuffix("/") ? folder + "config.json" : folder + "/config.json"
        let config = try AutoencoderKLConfig.load(path: configPath)
        let location = try WeightFileLocation.find(in: folder, baseName: Self.weightsBaseName, preferring: variants)
        let weights = SafeTensorsWeights(try location.open(), origin: location.path)
        try self.init(config: config, weights: WeightLoader(weights), configPath: configPath)
    }
}
