import Foundation
import Imaging

/// Writes the previews a job sends as `step-NNNN.png` in the `--preview-dir` folder, numbered by
/// the step over the whole generation (base and refiner). Previews never touch the generation's
/// own latents; one that cannot be written is skipped.
struct PreviewWriter {
    let folder: URL

    init(folder: String) throws {
        self.folder = URL(fileURLWithPath: (folder as NSString).expandingTildeInPath)
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
    }

    /// The preview's path, or nil when it could not be written.
    func write(_ image: RGBImage, step: Int) -> String? {
        let url = folder.appendingPathComponent(String(format: "step-%04d.png", step))
        return try? PNGFile.write(image, to: url).path
    }
}
