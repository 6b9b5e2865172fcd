// JSON form of GenerationParameters: snake_case keys after diffusers' argument names; every key
// but `prompt` may be absent and then takes its default, so presets and saved jobs can be partial.
import Imaging
import Foundation
import Schedulers

extension GenerationParameters: Codable {
    enum CodingKeys: String, CodingKey {
        case prompt
        case prompt2 = "prompt_2"
        case negativePrompt = "negative_prompt"
        case negativePrompt2 = "negative_prompt_2"
        case width, height, steps, seed, sampler
        case guidanceScale = "guidance_scale"
        case guidanceRescale = "guidance_rescale"
        case originalSize = "original_size"
        case cropTopLeft = "crops_coords_top_left"
        case targetSize = "target_size"
        case negativeOriginalSize = "negative_original_size"
        case negativeCropTopLeft = "negative_crops_coords_top_left"
        case negativeTargetSize = "negative_target_size"
        case aestheticScore = "aesthetic_score"
        case negativeAestheticScore = "negative_aesthetic_score"
        case refiner
        case refinerSteps = "refiner_steps"
        case refinerSeed = "refiner_seed"
        case keepBase = "keep_base"
        case initImage = "init_image"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = GenerationParameters(prompt: "")
        self.init(prompt: try c.decode(String.self, forKey: .prompt))
        prompt2 = try c.decodeIfPresent(String.self, forKey: .prompt2)
        negativePrompt = try c.decodeIfPresent(String.self, forKey: .negativePrompt)
        negativePrompt2 = try c.decodeIfPresent(String.self, forKey: .negativePrompt2)
        width = try c.decodeIfPresent(Int.self, forKey: .width)
        height = try c.decodeIfPresent(Int.self, forKey: .height)
        steps = try c.decodeIfPresent(Int.self, forKey: .steps) ?? defaults.steps
        guidanceScale = try c.decodeIfPresent(Double.self, forKey: .guidanceScale) ?? defaults.guidanceScale
        guidanceRescale = try c.decodeIfPresent(Double.self, forKey: .guidanceRescale) ?? defaults.guidanceRescale
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed
        sampler = try c.decodeIfPresent(SamplerKind.self, forKey: .sampler)
        originalSize = try c.decodeIfPresent(PixelSize.self, forKey: .originalSize)
        cropTopLeft = try c.decodeIfPresent(CropOffset.self, forKey: .cropTopLeft) ?? defaults.cropTopLeft
        targetSize = try c.decodeIfPresent(PixelSize.self, forKey: .targetSize)
        negativeOriginalSize = try c.decodeIfPresent(PixelSize.self, forKey: .negativeOriginalSize)
        negativeCropTopLeft = try c.decodeIfPresent(CropOffset.self, forKey: .negativeCropTopLeft)
            ?? defaults.negativeCropTopLeft
        negativeTargetSize = try c.decodeIfPresent(PixelSize.self, forKey: .negativeTargetSize)
        aestheticScore = try c.decodeIfPresent(Double.self, forKey: .aestheticScore) ?? defaults.aestheticScore
        negativeAestheticScore = try c.decodeIfPresent(Double.self, forKey: .negativeAestheticScore)
            ?? defaults.negativeAestheticScore
        refiner = try c.decodeIfPresent(RefinerMode.self, forKey: .refiner) ?? defaults.refiner
        refinerSteps = try c.decodeIfPresent(Int.self, forKey: .refinerSteps)
        refinerSeed = try c.decodeIfPresent(UInt64.self, forKey: .refinerSeed)
        keepBase = try c.decodeIfPresent(Bool.self, forKey: .keepBase) ?? defaults.keepBase
        initImage = try c.decodeIfPresent(InitImageSettings.self, forKey: .initImage)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(prompt, forKey: .prompt)
        try c.encodeIfPresent(prompt2, forKey: .prompt2)
        try c.encodeIfPresent(negativePrompt, forKey: .negativePrompt)
        try c.encodeIfPresent(negativePrompt2, forKey: .negativePrompt2)
        try c.encodeIfPresent(width, forKey: .width)
        try c.encodeIfPresent(height, forKey: .height)
        try c.encode(steps, forKey: .steps)
        try c.encode(guidanceScale, forKey: .guidanceScale)
        try c.encode(guidanceRescale, forKey: .guidanceRescale)
        try c.encode(seed, forKey: .seed)
        try c.encodeIfPresent(sampler, forKey: .sampler)
        try c.encodeIfPresent(originalSize, forKey: .originalSize)
        try c.encode(cropTopLeft, forKey: .cropTopLeft)
        try c.encodeIfPresent(targetSize, forKey: .targetSize)
        try c.encodeIfPresent(negativeOriginalSize, forKey: .negativeOriginalSize)
        try c.encode(negativeCropTopLeft, forKey: .negativeCropTopLeft)
        try c.encodeIfPresent(negativeTargetSize, forKey: .negativeTargetSize)
        try c.encode(aestheticScore, forKey: .aestheticScore)
        try c.encode(negativeAestheticScore, forKey: .negativeAestheticScore)
        try c.encode(refiner, forKey: .refiner)
        try c.encodeIfPresent(refinerSteps, forKey: .refinerSteps)
        try c.encodeIfPresent(refinerSeed, forKey: .refinerSeed)
        try c.encode(keepBase, forKey: .keepBase)
        try c.encodeIfPresent(initImage, forKey: .initImage)
    }
}
