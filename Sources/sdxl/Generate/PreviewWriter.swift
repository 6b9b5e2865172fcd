import Foundation
import Imaging
import StableDiffusionXL

/// Writes the predicted clean image (x̂0 through the VAE decoder) every few steps, for
/// `--preview-dir`. Previews never touch the generation's own latents.
struct PreviewWriter {
    let folder: URL
    let every: Int
    let pipeline: SDXLPipeline

    init(folder: String, every: Int, pipeline: SDXLPipeline) throws {
        self.folder = URL(fileURLWithPath: folder)
        self.every = every
        self.pipeline = pipeline
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
    }

    /// The preview's path when this step is one to show, else nil.
    func write(_ progress: StepProgress) -> String? {
        let step = progress.completedSteps
        guard step % every == 0 || step == progress.totalSteps else { return nil }
        let model = progress.stage == .refiner ? (pipeline.refiner ?? pipeline.base) : pipeline.base
        let pixels = model.vae.decodeScaled(progress.predictedOriginal)   // [1, 3, H, W]
        guard let image = try? pixels.withUnsafeBufferPointer({
            try RGBImage(normalizedPlanar: $0, width: pixels.shape[3], height: pixels.shape[2])
        }) else { return nil }
        let url = folder.appendingPathComponent(String(format: "step-%04d.png", step))
        return try? PNGFile.write(image, to: url).path
    }
}
