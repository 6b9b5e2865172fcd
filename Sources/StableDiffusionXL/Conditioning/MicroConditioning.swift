// SDXL's micro-conditioning, the `add_time_ids` that the UNet's text_time embedding receives:
// StableDiffusionXLPipeline._get_add_time_ids and StableDiffusionXLImg2ImgPipeline._get_add_time_ids
// (diffusers 0.42, pipelines/stable_diffusion_xl/), including which negative values each uses.
import Imaging

/// The values that condition one generation, already defaulted the way diffusers does.
public struct MicroConditioning: Hashable, Sendable {
    public var originalSize: PixelSize
    public var cropTopLeft: CropOffset
    public var targetSize: PixelSize
    public var negativeOriginalSize: PixelSize?
    public var negativeCropTopLeft: CropOffset
    public var negativeTargetSize: PixelSize?
    public var aestheticScore: Float
    public var negativeAestheticScore: Float

    public init(originalSize: PixelSize, cropTopLeft: CropOffset = .zero, targetSize: PixelSize,
                negativeOriginalSize: PixelSize? = nil, negativeCropTopLeft: CropOffset = .zero,
                negativeTargetSize: PixelSize? = nil, aestheticScore: Float = 6, negativeAestheticScore: Float = 2.5) {
        self.originalSize = originalSize
        self.cropTopLeft = cropTopLeft
        self.targetSize = targetSize
        self.negativeOriginalSize = negativeOriginalSize
        self.negativeCropTopLeft = negativeCropTopLeft
        self.negativeTargetSize = negativeTargetSize
        self.aestheticScore = aestheticScore
        self.negativeAestheticScore = negativeAestheticScore
    }

    /// Base model ids, (height, width) order: original size, crop (top, left), target size.
    /// The negative branch has its own ids only when both negative sizes are given;
    /// otherwise it reuses the positive ones (crop included).
    public func baseTimeIds() -> (positive: [Float], negative: [Float]) {
        let positive = ids(originalSize) + ids(cropTopLeft) + ids(targetSize)
        guard let negativeOriginal = negativeOriginalSize, let negativeTarget = negativeTargetSize else {
            return (positive, positive)
        }
        return (positive, ids(negativeOriginal) + ids(negativeCropTopLeft) + ids(negativeTarget))
    }

    /// Refiner ids when the model was trained with aesthetic scores (SDXL refiner):
    /// original size, crop, score. The negative sizes default to the positive ones.
    public func refinerTimeIds() -> (positive: [Float], negative: [Float]) {
        let positive = ids(originalSize) + ids(cropTopLeft) + [aestheticScore]
        let negative = ids(negativeOriginalSize ?? originalSize) + ids(negativeCropTopLeft) + [negativeAestheticScore]
        return (positive, negative)
    }

    /// Img2img ids for a model without aesthetic scores: like the base, except that the
    /// negative branch always has its own sizes (defaulting to the positive ones) and,
    /// as in diffusers, uses the positive crop.
    public func imageToImageTimeIds() -> (positive: [Float], negative: [Float]) {
        let positive = ids(originalSize) + ids(cropTopLeft) + ids(targetSize)
        let negative = ids(negativeOriginalSize ?? originalSize) + ids(cropTopLeft) + ids(negativeTargetSize ?? targetSize)
        return (positive, negative)
    }

    private func ids(_ size: PixelSize) -> [Float] { [Float(size.height), Float(size.width)] }
    private func ids(_ crop: CropOffset) -> [Float] { [Float(crop.top), Float(crop.left)] }
}
