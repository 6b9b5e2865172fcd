// The errors of the StableDiffusionXL module: unusable settings, components that do not fit
// together, and numerical failures that must never come out as an image.
import Foundation
import Imaging

public enum GenerationError: Error, Equatable, Sendable {
    /// The settings themselves are wrong; one problem per line.
    case invalidParameters([ParameterProblem])
    /// The loaded components cannot work together (e.g. text encoder widths vs the UNet).
    case incompatibleComponents(String)
    /// The settings ask for the refiner but none is loaded.
    case refinerNotLoaded
    /// The settings name an init image but the pipeline was given no pixels, or the reverse.
    case initImageMissing(path: String)
    case unexpectedInitImage
    /// The init image cannot be used at this size.
    case initImageSize(width: Int, height: Int, reason: String)
    /// A denoising step (0-based; −1 while preparing the first latents) produced NaN or infinity.
    case nonFiniteLatents(stage: GenerationStage, step: Int, value: Float)
    /// The VAE decoder produced NaN or infinity.
    case nonFiniteImage(stage: GenerationStage, value: Float)
    /// A PNG's settings could not be read back (`--from`, `sdxl info`).
    case unreadableMetadata(path: String, reason: String)
    /// The job's activations would not fit in the memory left; `fitting` is the largest size
    /// with the same aspect ratio that would.
    case notEnoughMemory(size: PixelSize, needed: Int, available: Int, fitting: PixelSize?)
}

extension GenerationError: LocalizedError, CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidParameters(let problems):
            return problems.map(\.description).joined(separator: "\n")
        case .incompatibleComponents(let reason):
            return "the model's components do not fit together: \(reason)"
        case .refinerNotLoaded:
            return "refiner: the settings use the refiner, but no refiner model is loaded; load one or set the refiner mode to none"
        case .initImageMissing(let path):
            return "init_image: the picture \(path) was not read; load it and pass its pixels with the settings"
        case .unexpectedInitImage:
            return "init_image: pixels were given but the settings name no init image; set init_image (path and strength)"
        case let .initImageSize(width, height, reason):
            return "init_image: the picture is \(width)x\(height): \(reason)"
        case let .nonFiniteLatents(stage, step, value):
            let when = step < 0 ? "preparing its initial latents" : "step \(step + 1)"
            return "the \(stage) stage produced \(value) in the latents at \(when); no image was made. Try another seed or sampler, a lower guidance scale, or check the model files"
        case let .nonFiniteImage(stage, value):
            return "the VAE decoder produced \(value) decoding the \(stage) latents; no image was made. Check the VAE weights (the SDXL VAE must run in fp32)"
        case let .unreadableMetadata(path, reason):
            return "\(path): \(reason)"
        case let .notEnoughMemory(size, needed, available, fitting):
            let instead = fitting.map { "\($0) would fit" } ?? "no size would fit; free memory or use --weights half"
            return "a \(size) picture needs about \(Self.gibibytes(needed)) beyond the weights, but \(Self.gibibytes(available)) "
                + "are available: \(instead), or pass --ignore-memory-limit to try anyway"
        }
    }

    public var errorDescription: String? { description }

    static func gibibytes(_ bytes: Int) -> String {
        String(format: "%.1f GiB", Double(bytes) / Double(1 << 30))
    }
}

/// Which model a step or an image belongs to.
public enum GenerationStage: String, Codable, Hashable, Sendable, CustomStringConvertible {
    case base
    case refiner

    public var description: String { rawValue }
}
