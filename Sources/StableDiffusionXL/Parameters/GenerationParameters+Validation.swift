// Checks of GenerationParameters that need no model: ranges, finiteness, sizes. The checks that
// depend on the loaded model (its VAE scale factor, whether a refiner is loaded, the init image's
// size) happen when the pipeline plans a generation.
import Imaging

extension GenerationParameters {
    /// Output sides must be multiples of this, as StableDiffusionXLPipeline.check_inputs requires.
    public static let sizeMultiple = 8
    /// Smallest and largest output side in pixels.
    public static let sideRange = 8...4096
    /// Micro-conditioning sizes (original and target) accept any side in this range.
    public static let conditioningSideRange = 1...16384
    public static let stepRange = 1...1000
    /// Guidance scales in use stay far below the upper bound; far above it the guided noise overflows.
    public static let guidanceScaleRange = 0.0...100.0
    /// The LAION aesthetic predictor's scale, on which the refiner was trained.
    public static let aestheticScoreRange = 0.0...10.0
    /// Prompts longer than this are refused before tokenizing (CLIP keeps 77 tokens anyway).
    public static let maxPromptCharacters = 10_000

    /// Every problem found, one per setting and reason; empty when the settings are usable.
    public func problems() -> [ParameterProblem] {
        var found: [ParameterProblem] = []
        func check(_ condition: Bool, _ setting: String, _ message: @autoclosure () -> String) {
            if !condition { found.append(ParameterProblem(setting, message())) }
        }

        let prompts: [(String, String?)] = [("prompt", prompt), ("prompt_2", prompt2),
                                            ("negative_prompt", negativePrompt), ("negative_prompt_2", negativePrompt2)]
        for (key, text) in prompts {
            if let text {
                check(text.count <= Self.maxPromptCharacters, key,
                      "is \(text.count) characters long; shorten it to at most \(Self.maxPromptCharacters) (only 77 tokens are used)")
            }
        }

        for (key, side) in [("width", width), ("height", height)] {
            guard let side else { continue }
            check(Self.sideRange.contains(side), key,
                  "\(side) is outside \(Self.sideRange.lowerBound)...\(Self.sideRange.upperBound) pixels")
            check(side % Self.sizeMultiple == 0, key,
                  "\(side) is not a multiple of \(Self.sizeMultiple); use \(Self.nearestMultiple(side)) instead")
        }

        check(Self.stepRange.contains(steps), "steps",
              "\(steps) is outside \(Self.stepRange.lowerBound)...\(Self.stepRange.upperBound)")
        if let refinerSteps {
            check(Self.stepRange.contains(refinerSteps), "refiner_steps",
                  "\(refinerSteps) is outside \(Self.stepRange.lowerBound)...\(Self.stepRange.upperBound)")
        }
        check(Self.guidanceScaleRange.contains(guidanceScale), "guidance_scale",
              "\(guidanceScale) must be a number from \(Self.guidanceScaleRange.lowerBound) to \(Self.guidanceScaleRange.upperBound) (1 or less turns guidance off)")
        check(guidanceRescale.isFinite && (0...1).contains(guidanceRescale), "guidance_rescale",
              "\(guidanceRescale) must be between 0 and 1")

        found += sizeProblems(originalSize, key: "original_size")
        found += sizeProblems(targetSize, key: "target_size")
        found += sizeProblems(negativeOriginalSize, key: "negative_original_size")
        found += sizeProblems(negativeTargetSize, key: "negative_target_size")
        found += cropProblems(cropTopLeft, key: "crops_coords_top_left", within: originalSize, sizeKey: "original_size")
        found += cropProblems(negativeCropTopLeft, key: "negative_crops_coords_top_left",
                              within: negativeOriginalSize ?? originalSize,
                              sizeKey: negativeOriginalSize == nil ? "original_size" : "negative_original_size")

        for (key, score) in [("aesthetic_score", aestheticScore), ("negative_aesthetic_score", negativeAestheticScore)] {
            check(score.isFinite && Self.aestheticScoreRange.contains(score), key,
                  "\(score) is outside the aesthetic scale \(Self.aestheticScoreRange.lowerBound)...\(Self.aestheticScoreRange.upperBound)")
        }

        switch refiner {
        case .none:
            break
        case .ensemble(let switchAt):
            check(switchAt.isFinite && switchAt > 0 && switchAt < 1, "refiner",
                  "switch point \(switchAt) must be strictly between 0 and 1 (the fraction of the schedule the base runs)")
        case .refineImage(let strength):
            found += strengthProblems(strength, steps: refinerSteps ?? steps, key: "refiner")
        }
        if keepBase && !refiner.usesRefiner {
            found.append(ParameterProblem("keep_base", "keeping the base image needs a refiner mode; the base image is already the result"))
        }
        if let initImage {
            check(!initImage.path.isEmpty, "init_image", "the path is empty; name the picture to start from")
            found += strengthProblems(initImage.strength, steps: steps, key: "init_image")
        }
        return found
    }

    /// Throws `GenerationError.invalidParameters` listing every problem.
    public func validate() throws(GenerationError) {
        let found = problems()
        if !found.isEmpty { throw .invalidParameters(found) }
    }

    private func sizeProblems(_ size: PixelSize?, key: String) -> [ParameterProblem] {
        guard let size, !Self.isUsable(size) else { return [] }
        let range = Self.conditioningSideRange
        return [ParameterProblem(key, "\(size) needs both sides within \(range.lowerBound)...\(range.upperBound) pixels")]
    }

    private static func isUsable(_ size: PixelSize) -> Bool {
        conditioningSideRange.contains(size.width) && conditioningSideRange.contains(size.height)
    }

    /// The crop's corner must lie inside the picture it was cut from; without an explicit original
    /// size that is the output size, which the pipeline checks once it knows it.
    private func cropProblems(_ crop: CropOffset, key: String, within size: PixelSize?, sizeKey: String) -> [ParameterProblem] {
        guard crop.top >= 0, crop.left >= 0 else {
            return [ParameterProblem(key, "\(crop) must not be negative")]
        }
        if let size, Self.isUsable(size), crop.top >= size.height || crop.left >= size.width {
            return [ParameterProblem(key, "\(crop) (top,left) lies outside the \(sizeKey) \(size); keep top < \(size.height) and left < \(size.width)")]
        }
        return []
    }

    private func strengthProblems(_ strength: Double, steps: Int, key: String) -> [ParameterProblem] {
        guard strength.isFinite, strength > 0, strength <= 1 else {
            return [ParameterProblem(key, "strength \(strength) must be in (0, 1]")]
        }
        if Self.stepRange.contains(steps), Int(Double(steps) * strength) < 1 {
            return [ParameterProblem(key, "strength \(strength) of \(steps) steps runs no step (⌊steps × strength⌋ = 0); raise the strength or the steps")]
        }
        return []
    }

    private static func nearestMultiple(_ side: Int) -> Int {
        let rounded = Int((Double(side) / Double(sizeMultiple)).rounded()) * sizeMultiple
        return min(max(rounded, sideRange.lowerBound), sideRange.upperBound)
    }
}
