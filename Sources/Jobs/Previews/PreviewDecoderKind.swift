/// The ways to turn a latent into a preview picture, cheapest and roughest first (DESIGN §4.4).
public enum PreviewDecoderKind: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Per-pixel 4×3 matrix plus bias, at 1/8 of the image size (`LatentPreview`).
    case latentRGB = "latent_rgb"
    /// The tiny autoencoder TAESDXL, when its weights are installed.
    case tinyAutoencoder = "taesdxl"
    /// The model's own VAE decoder, usually at reduced resolution.
    case vae

    /// Higher is a better picture.
    public var quality: Int {
        switch self {
        case .latentRGB: return 0
        case .tinyAutoencoder: return 1
        case .vae: return 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.quality < rhs.quality }

    public var description: String {
        switch self {
        case .latentRGB: return "latent RGB approximation"
        case .tinyAutoencoder: return "TAESDXL"
        case .vae: return "VAE decoder"
        }
    }
}
