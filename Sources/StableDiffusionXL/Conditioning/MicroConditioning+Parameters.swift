// Filling MicroConditioning from the settings, with diffusers' defaults for what was not given
// (`original_size or (height, width)`, `target_size or (height, width)`), and choosing which form of
// the time ids a model takes in a stage (StableDiffusionXLPipeline vs StableDiffusionXLImg2ImgPipeline,
// diffusers 0.42).
import Imaging

extension MicroConditioning {
    /// The conditioning of a generation whose output is `outputSize`.
    public init(parameters: GenerationParameters, outputSize: PixelSize) {
        self.init(originalSize: parameters.originalSize ?? outputSize,
                  cropTopLeft: parameters.cropTopLeft,
                  targetSize: parameters.targetSize ?? outputSize,
                  negativeOriginalSize: parameters.negativeOriginalSize,
                  negativeCropTopLeft: parameters.negativeCropTopLeft,
                  negativeTargetSize: parameters.negativeTargetSize,
                  aestheticScore: Float(parameters.aestheticScore),
                  negativeAestheticScore: Float(parameters.negativeAestheticScore))
    }

    /// The time ids `model` receives: text-to-image uses the base form; img2img (init image,
    /// refiner) uses the aesthetic form when the model requires it, else img2img's own base form.
    public func timeIds(for model: SDXLModel, imageToImage: Bool) -> (positive: [Float], negative: [Float]) {
        if !imageToImage { return baseTimeIds() }
        return model.requiresAestheticsScore ? refinerTimeIds() : imageToImageTimeIds()
    }
}
