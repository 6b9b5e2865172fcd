// Planning a generation against the loaded models: every check that needs the models, then the
// samplers and the step windows. The step windows follow diffusers 0.42: `denoising_end` on the base
// (pipeline_stable_diffusion_xl.py §8.1), `get_timesteps` with `strength` or `denoising_start` on
// img2img (pipeline_stable_diffusion_xl_img2img.py).
import Imaging
import Schedulers

extension SDXLPipeline {
    /// Resolves `parameters` for these models; throws `GenerationError` (or a scheduler error for a
    /// model's scheduler config) before anything is computed.
    public func plan(_ parameters: GenerationParameters, initImage: RGBImage? = nil) throws -> GenerationPlan {
        try parameters.validate()
        if parameters.refiner.usesRefiner && refiner == nil { throw GenerationError.refinerNotLoaded }
        switch (parameters.initImage, initImage) {
        case (let settings?, nil): throw GenerationError.initImageMissing(path: settings.path)
        case (nil, _?): throw GenerationError.unexpectedInitImage
        default: break
        }
        let size = try outputSize(parameters, initImage: initImage)
        let conditioning = MicroConditioning(parameters: parameters, outputSize: size)
        try checkCrops(parameters, conditioning: conditioning)
        if initImage == nil && base.requiresAestheticsScore {
            throw GenerationError.incompatibleComponents(
                "the base model takes an aesthetic score (a refiner); it can only refine an init image")
        }

        let baseStart: StagePlan.Start = parameters.initImage.map { .image(strength: $0.strength) } ?? .noise
        let basePlan = try stagePlan(.base, model: base, parameters: parameters, steps: parameters.steps,
                                     start: baseStart, denoisingEnd: parameters.refiner.baseDenoisingEnd)
        var refinerPlan: StagePlan?
        if let refiner {
            let steps = parameters.refinerSteps ?? parameters.steps
            switch parameters.refiner {
            case .none:
                break
            case .ensemble(let switchAt):
                refinerPlan = try stagePlan(.refiner, model: refiner, parameters: parameters, steps: steps,
                                            start: .previousLatents(denoisingStart: switchAt), denoisingEnd: nil)
            case .refineImage(let strength):
                refinerPlan = try stagePlan(.refiner, model: refiner, parameters: parameters, steps: steps,
                                            start: .image(strength: strength), denoisingEnd: nil)
            }
        }
        return GenerationPlan(parameters: parameters, size: size, conditioning: conditioning,
                              base: basePlan, refiner: refinerPlan)
    }

    /// The output size: the init image's, else the settings', else the model default.
    private func outputSize(_ parameters: GenerationParameters, initImage: RGBImage?) throws -> PixelSize {
        let factor = base.vaeScaleFactor
        let multiple = max(factor, GenerationParameters.sizeMultiple)
        if let initImage {
            if let width = parameters.width, width != initImage.width {
                throw GenerationError.initImageSize(width: initImage.width, height: initImage.height,
                                                    reason: "the settings ask for width \(width); img2img keeps the picture's size, so resize it first or leave width unset")
            }
            if let height = parameters.height, height != initImage.height {
                throw GenerationError.initImageSize(width: initImage.width, height: initImage.height,
                                                    reason: "the settings ask for height \(height); img2img keeps the picture's size, so resize it first or leave height unset")
            }
            guard initImage.width % multiple == 0, initImage.height % multiple == 0,
                  GenerationParameters.sideRange.contains(initImage.width),
                  GenerationParameters.sideRange.contains(initImage.height) else {
                throw GenerationError.initImageSize(width: initImage.width, height: initImage.height,
                                                    reason: "both sides must be multiples of \(multiple) within \(GenerationParameters.sideRange.lowerBound)...\(GenerationParameters.sideRange.upperBound) pixels; resize or crop it first")
            }
            return PixelSize(width: initImage.width, height: initImage.height)
        }
        let size = PixelSize(width: parameters.width ?? base.defaultSize.width,
                             height: parameters.height ?? base.defaultSize.height)
        var problems: [ParameterProblem] = []
        for (key, side) in [("width", size.width), ("height", size.height)] where side % multiple != 0 {
            problems.append(ParameterProblem(key, "\(side) is not a multiple of \(multiple), which this model's VAE needs"))
        }
        if !problems.isEmpty { throw GenerationError.invalidParameters(problems) }
        return size
    }

    /// The crop corners must lie inside their original sizes, now that the defaults are known.
    private func checkCrops(_ parameters: GenerationParameters, conditioning: MicroConditioning) throws {
        var problems: [ParameterProblem] = []
        let checks: [(String, CropOffset, PixelSize)] = [
            ("crops_coords_top_left", conditioning.cropTopLeft, conditioning.originalSize),
            ("negative_crops_coords_top_left", conditioning.negativeCropTopLeft,
             conditioning.negativeOriginalSize ?? conditioning.originalSize)]
        for (key, crop, size) in checks where crop.top >= size.height || crop.left >= size.width {
            problems.append(ParameterProblem(key, "\(crop) (top,left) lies outside the original size \(size); keep top < \(size.height) and left < \(size.width) or set original_size"))
        }
        if !problems.isEmpty { throw GenerationError.invalidParameters(problems) }
    }

    private func stagePlan(_ stage: GenerationStage, model: SDXLModel, parameters: GenerationParameters,
                           steps: Int, start: StagePlan.Start, denoisingEnd: Double?) throws -> StagePlan {
        let kind = parameters.sampler ?? SamplerKind.modelDefault(for: model.schedulerConfig)
        let sampler = try kind.makeSampler(modelConfig: model.schedulerConfig, stepCount: steps)
        let window: Range<Int>
        switch start {
        case .noise:
            window = try sampler.stepRange(denoisingEnd: denoisingEnd)
        case .image(let strength):
            window = try sampler.stepRange(strength: strength, denoisingEnd: denoisingEnd)
        case .previousLatents(let denoisingStart):
            window = try sampler.stepRange(denoisingStart: denoisingStart, denoisingEnd: denoisingEnd)
        }
        return StagePlan(stage: stage, sampler: kind, scheduleLength: steps, steps: window, start: start,
                         freshSampler: sampler)
    }
}
