// What a generation returns: the image (and the base image when kept), with the latents behind it
// and a record of each stage for metadata, tests and debugging.
import Imaging
import Tensors

public struct GenerationResult: Sendable {
    public let plan: GenerationPlan
    /// The final image: the refiner's when it ran, else the base's.
    public let image: DecodedImage
    /// The base model's image, when `keepBase` asked for it next to the refined one.
    public let baseImage: DecodedImage?
    /// The base stage first, then the refiner's.
    public let stages: [StageRecord]
}

/// One stage as it ran.
public struct StageRecord: Sendable {
    public let stage: GenerationStage
    /// The timesteps the UNet saw.
    public let timesteps: [Float]
    /// The UNet's conditioning (prompt embeddings, pooled embeddings, time ids).
    public let conditioning: UNetConditioning
    /// The latents before the first step (noise × init_noise_sigma, a noised picture, or the
    /// previous stage's latents), and after the last.  // [1, 4, h, w]
    public let initialLatents: Tensor
    public let finalLatents: Tensor
}

/// A VAE-decoded image.
public struct DecodedImage: Sendable {
    public let stage: GenerationStage
    /// The latents that were decoded, in the diffusion model's scale.  // [1, 4, h, w]
    public let latents: Tensor
    /// The VAE decoder's output, nominally in [-1, 1] and not clamped.  // [1, 3, H, W]
    public let pixels: Tensor

    public var width: Int { pixels.shape[3] }
    public var height: Int { pixels.shape[2] }

    /// 8-bit RGB, rounded exactly as diffusers' `postprocess(output_type="pil")`.
    public func rgbImage() throws -> RGBImage {
        try pixels.withUnsafeBufferPointer { try RGBImage(normalizedPlanar: $0, width: width, height: height) }
    }

    /// Floats in [0, 1] as [H, W, 3], as diffusers' `postprocess(output_type="np")` gives them:
    /// (x · 0.5 + 0.5) clamped.
    public func unitInterval() -> Tensor {
        let area = width * height
        var result = Tensor(uninitializedShape: [height, width, 3])
        pixels.withUnsafeBufferPointer { planes in
            result.withUnsafeMutableBufferPointer { out in
                for channel in 0..<3 {
                    for index in 0..<area {
                        out[index * 3 + channel] = Self.unit(planes[channel * area + index])
                    }
                }
            }
        }
        return result
    }

    /// The image as the refiner's img2img input: diffusers hands the base's `output_type="np"` floats
    /// to `preprocess`, which maps them back with 2x − 1.  // [1, 3, H, W]
    func renormalized() -> Tensor {
        var result = Tensor(uninitializedShape: pixels.shape)
        pixels.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { out in
                for i in 0..<source.count { out[i] = 2 * Self.unit(source[i]) - 1 }
            }
        }
        return result
    }

    @inline(__always)
    static func unit(_ value: Float) -> Float {
        min(max(value * 0.5 + 0.5, 0), 1)
    }
}
