// How the refiner takes part in a generation. Both modes follow the usage diffusers 0.42 documents
// for StableDiffusionXLImg2ImgPipeline with the SDXL refiner (pipeline_stable_diffusion_xl_img2img.py).

/// Whether and how the refiner runs after the base model.
public enum RefinerMode: Hashable, Sendable {
    /// The base model runs every step and its image is the result.
    case none
    /// Ensemble of experts: the base denoises the high-noise part of the schedule and stops at
    /// `switchAt` (its `denoising_end`); the refiner continues from the base's latents at the same
    /// point (its `denoising_start`), without adding noise.
    case ensemble(switchAt: Double)
    /// The base finishes its image; the refiner then re-noises it to `strength` and denoises it again
    /// (img2img with `strength`).
    case refineImage(strength: Double)

    /// The switch point diffusers' documentation uses (`high_noise_frac = 0.8`).
    public static let defaultSwitch = 0.8
    /// diffusers' default img2img `strength`.
    public static let defaultStrength = 0.3

    /// Ensemble of experts at the default switch point.
    public static var ensemble: RefinerMode { .ensemble(switchAt: defaultSwitch) }
    /// Image refinement at the default strength.
    public static var refineImage: RefinerMode { .refineImage(strength: defaultStrength) }

    /// Whether the refiner model is needed.
    public var usesRefiner: Bool {
        if case .none = self { return false }
        return true
    }

    /// The base's `denoising_end`, when the base stops early.
    public var baseDenoisingEnd: Double? {
        if case .ensemble(let switchAt) = self { return switchAt }
        return nil
    }
}
