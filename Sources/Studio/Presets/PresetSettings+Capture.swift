// "Save the current settings as a preset": every setting of a GenerationParameters value,
// so that applying the preset later gives back exactly these settings.
import StableDiffusionXL

extension PresetSettings {
    /// Every setting of `parameters` except the prompts and the init image (which belong to one
    /// picture, not to a way of making pictures). Settings that are "not given" become
    /// `.automatic`, so applying the preset resets them too.
    ///
    /// The seed is not taken from `parameters`: pass `seed` (`.random`, or `.fixed(parameters.seed)`
    /// to pin it); with nil the preset leaves the seed alone.
    public init(capturing parameters: GenerationParameters, seed: PresetSeed? = nil) {
        self.init(width: PresetDefaultable(parameters.width),
                  height: PresetDefaultable(parameters.height),
                  steps: parameters.steps,
                  guidanceScale: parameters.guidanceScale,
                  guidanceRescale: parameters.guidanceRescale,
                  sampler: PresetDefaultable(parameters.sampler),
                  seed: seed,
                  originalSize: PresetDefaultable(parameters.originalSize),
                  cropTopLeft: parameters.cropTopLeft,
                  targetSize: PresetDefaultable(parameters.targetSize),
                  negativeOriginalSize: PresetDefaultable(parameters.negativeOriginalSize),
                  negativeCropTopLeft: parameters.negativeCropTopLeft,
                  negativeTargetSize: PresetDefaultable(parameters.negativeTargetSize),
                  aestheticScore: parameters.aestheticScore,
                  negativeAestheticScore: parameters.negativeAestheticScore,
                  refiner: parameters.refiner,
                  refinerSteps: PresetDefaultable(parameters.refinerSteps),
                  refinerSeed: PresetDefaultable(parameters.refinerSeed),
                  keepBase: parameters.keepBase)
    }
}
