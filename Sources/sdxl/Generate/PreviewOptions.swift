import ArgumentParser
import Jobs

/// Which decoder makes the pictures of `--preview-dir`.
enum PreviewDecoderChoice: String, CaseIterable, ExpressibleByArgument {
    /// The model's VAE decoder on x̂0, at full size.
    case vae
    /// The per-pixel latent-to-RGB approximation, at 1/8 of the size.
    case latent
    /// TAESDXL (needs --tae), at full size.
    case taesdxl
    /// The best decoder that keeps previews within a tenth of the step time.
    case auto
}

/// The preview flags of `sdxl generate`.
struct PreviewOptions: ParsableArguments {
    @Option(name: .customLong("preview-dir"), help: "Write a preview PNG of the predicted image every --preview-every steps into this folder.")
    var previewDir: String?

    @Option(name: .customLong("preview-every"), help: "Steps between previews (default 5); the last step of each stage always gets one. With --preview-decoder auto, the longest interval allowed.")
    var previewEvery: Int = 5

    @Option(name: .customLong("preview-decoder"),
            help: "How previews are made: vae (the model's VAE decoder, full size), latent (a fast colour approximation at 1/8 size), taesdxl (the tiny autoencoder of --tae, full size) or auto (the best one that costs at most a tenth of the step time) (default vae).")
    var previewDecoder: PreviewDecoderChoice = .vae

    func validate() throws {
        guard (1...1000).contains(previewEvery) else { throw ValidationError("--preview-every must be between 1 and 1000") }
    }

    /// The queue's preview policy: off without `--preview-dir`.
    var policy: PreviewPolicy {
        guard previewDir != nil else { return PreviewPolicy(mode: .off) }
        switch previewDecoder {
        case .vae: return PreviewPolicy(mode: .fixed(.vae, interval: previewEvery))
        case .latent: return PreviewPolicy(mode: .fixed(.latentRGB, interval: previewEvery))
        case .taesdxl: return PreviewPolicy(mode: .fixed(.tinyAutoencoder, interval: previewEvery))
        case .auto: return PreviewPolicy(mode: .automatic, maxInterval: previewEvery)
        }
    }
}
