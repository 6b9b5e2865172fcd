import Foundation

extension LatentRGBFactors {
    /// The JSON form written by Tools/fit_latent_rgb_factors.py:
    /// `{"source": "...", "rows": [[r, g, b], ...], "bias": [r, g, b]}` (other keys are ignored).
    struct File: Decodable {
        var source: String?
        var rows: [[Float]]
        var bias: [Float]?
    }

    /// Reads factors fitted for another VAE (for example a demo model's).
    public init(contentsOf url: URL) throws {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        } catch {
            throw JobsError.invalidLatentFactors(reason: "\(url.path) is not a factors file (\(error))")
        }
        try self.init(rows: file.rows, bias: file.bias ?? [0, 0, 0], source: file.source ?? url.path)
    }
}
