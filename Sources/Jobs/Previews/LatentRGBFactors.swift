/// A linear map from one latent pixel to RGB in [-1, 1]: `rgb = latent · weights + bias`,
/// one row of weights per latent channel. The cheapest preview decoder.
public struct LatentRGBFactors: Sendable, Equatable {
    /// `channels` rows of (red, green, blue), row-major.
    public let weights: [Float]
    /// (red, green, blue).
    public let bias: [Float]
    public let channels: Int
    /// Where the numbers come from.
    public let source: String

    public init(rows: [[Float]], bias: [Float] = [0, 0, 0], source: String) throws {
        guard !rows.isEmpty, rows.allSatisfy({ $0.count == 3 }) else {
            throw JobsError.invalidLatentFactors(reason: "\(rows.count) rows of lengths \(rows.map(\.count))")
        }
        guard bias.count == 3 else {
            throw JobsError.invalidLatentFactors(reason: "the bias has \(bias.count) values")
        }
        guard (rows.joined() + bias).allSatisfy(\.isFinite) else {
            throw JobsError.invalidLatentFactors(reason: "a factor is NaN or infinite")
        }
        weights = Array(rows.joined())
        self.bias = bias
        channels = rows.count
        self.source = source
    }

    private init(checkedRows rows: [[Float]], bias: [Float], source: String) {
        weights = Array(rows.joined())
        self.bias = bias
        channels = rows.count
        self.source = source
    }

    /// SDXL, with bias: `latent_rgb_factors` and `latent_rgb_factors_bias` of class `SDXL` in
    /// ComfyUI's `comfy/latent_formats.py` (unchanged from v0.3.x through v0.9). Applied to the
    /// latents the UNet sees (already multiplied by the VAE's scaling factor 0.13025).
    public static let sdxl = LatentRGBFactors(
        checkedRows: [
            [0.3651, 0.4232, 0.4341],
            [-0.2533, -0.0042, 0.1068],
            [0.1076, 0.1111, -0.0362],
            [-0.3165, -0.2492, -0.2188],
        ],
        bias: [0.1084, -0.0175, -0.0011],
        source: "ComfyUI comfy/latent_formats.py, SDXL")

    /// SDXL without bias: the "Approx cheap" coefficients of AUTOMATIC1111's
    /// `modules/sd_vae_approx.py` (`cheap_approximation`, `is_sdxl` branch).
    public static let sdxlA1111 = LatentRGBFactors(
        checkedRows: [
            [0.3448, 0.4168, 0.4395],
            [-0.1953, -0.0290, 0.0250],
            [0.1074, 0.0886, -0.0163],
            [-0.3730, -0.2499, -0.2088],
        ],
        bias: [0, 0, 0],
        source: "AUTOMATIC1111 modules/sd_vae_approx.py, cheap_approximation, SDXL")
}
