// The base model's img2img input, as StableDiffusionXLImg2ImgPipeline takes `image` and `strength`
// (diffusers 0.42, pipeline_stable_diffusion_xl_img2img.py).

/// A picture to start from instead of pure noise. The settings name the file; whoever runs the job
/// reads it and hands the pixels to the pipeline (`SDXLPipeline.generate(_:initImage:…)`).
public struct InitImageSettings: Codable, Hashable, Sendable {
    /// Where the picture comes from (a PNG path), kept for metadata and for re-running a job.
    public var path: String
    /// How much of the schedule re-noises the picture: 1 keeps nothing of it, small values change
    /// it little. diffusers runs the last ⌊steps × strength⌋ steps.
    public var strength: Double

    /// diffusers' default img2img strength.
    public static let defaultStrength = 0.3

    public init(path: String, strength: Double = InitImageSettings.defaultStrength) {
        self.path = path
        self.strength = strength
    }
}
