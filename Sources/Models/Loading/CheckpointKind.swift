/// What a single-file checkpoint holds, recognised from its tensor names, so that a file
/// that is not an SDXL model is named for what it is before anything is loaded.
public enum CheckpointKind: Sendable, Equatable {
    case sdxlBase
    case sdxlRefiner
    case stableDiffusion1
    case stableDiffusion2
    case lora
    case vaeOnly
    case tinyAutoencoder
    case unknown

    public init(tensorNames names: [String]) {
        func has(_ prefix: String) -> Bool { names.contains { $0.hasPrefix(prefix) } }
        if names.contains(where: { $0.contains("lora_") || $0.contains(".lora.") || $0.hasSuffix(".alpha") && $0.hasPrefix("lora") }) {
            self = .lora
        } else if has("conditioner.embedders.1.model.") && has("model.diffusion_model.") {
            self = .sdxlBase
        } else if has("conditioner.embedders.0.model.") && has("model.diffusion_model.") {
            self = .sdxlRefiner
        } else if has("cond_stage_model.model.") {
            self = .stableDiffusion2
        } else if has("cond_stage_model.transformer.") {
            self = .stableDiffusion1
        } else if has("encoder.layers.") || has("decoder.layers.") {
            self = .tinyAutoencoder
        } else if has("encoder.down.") || has("decoder.up.") || has("encoder.down_blocks.") || has("decoder.up_blocks.")
                    || has("first_stage_model.") && !has("model.diffusion_model.") {
            self = .vaeOnly
        } else {
            self = .unknown
        }
    }

    /// A phrase for messages: "an SD 1.5 checkpoint".
    public var description: String {
        switch self {
        case .sdxlBase: return "an SDXL base checkpoint"
        case .sdxlRefiner: return "an SDXL refiner checkpoint"
        case .stableDiffusion1: return "a Stable Diffusion 1.x checkpoint"
        case .stableDiffusion2: return "a Stable Diffusion 2.x checkpoint"
        case .lora: return "a LoRA (an add-on to a model, not a model)"
        case .vaeOnly: return "a VAE on its own (pass it with --vae)"
        case .tinyAutoencoder: return "a TAESD tiny autoencoder (pass it with --tae)"
        case .unknown: return "an unrecognised set of tensors"
        }
    }
}
