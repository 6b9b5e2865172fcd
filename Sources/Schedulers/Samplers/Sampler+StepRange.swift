// Which steps of a schedule a job runs: img2img strength, and the ensemble-of-experts split
// (base stops at denoising_end, refiner starts at denoising_start). Ported from
// StableDiffusionXLImg2ImgPipeline.get_timesteps and the denoising_end cut-off in
// pipeline_stable_diffusion_xl.py / pipeline_stable_diffusion_xl_img2img.py (diffusers 0.42.1).
// All four samplers have order 1, so no step pairs need keeping together.

extension Sampler {
    /// The indices into `timesteps` to run, in order.
    ///
    /// - `strength` (img2img, 0...1): run the last ⌊steps × strength⌋ steps.
    /// - `denoisingStart` (refiner, 0..<1): start at the first timestep below the cut-off
    ///   round(T − denoisingStart × T); it overrides `strength`, as in diffusers.
    /// - `denoisingEnd` (base, 0<...1): stop before the first timestep below round(T − denoisingEnd × T).
    ///
    /// A value of 0 for `denoisingStart` or 1 for `denoisingEnd` changes nothing. For img2img,
    /// noise the input with `addNoise(stepIndex: range.lowerBound)` — except after a
    /// `denoisingStart` split, where the base's latents go in unchanged. A split may leave an empty
    /// range (a few-step schedule with no timestep past the cut-off): diffusers then runs no step.
    /// A strength that keeps no step is an error, since there is no noise level to start from.
    public func stepRange(strength: Double? = nil, denoisingStart: Double? = nil,
                          denoisingEnd: Double? = nil) throws -> Range<Int> {
        let count = timesteps.count
        if let strength, !(strength >= 0 && strength <= 1) {
            throw SchedulerError.invalidFraction(name: "strength", value: strength, expected: "0...1")
        }
        if let start = denoisingStart, !(start >= 0 && start < 1) {
            throw SchedulerError.invalidFraction(name: "denoising_start", value: start, expected: "0..<1")
        }
        if let end = denoisingEnd, !(end > 0 && end <= 1) {
            throw SchedulerError.invalidFraction(name: "denoising_end", value: end, expected: "0<...1")
        }
        if let start = denoisingStart, let end = denoisingEnd, start > 0, end < 1, start >= end {
            throw SchedulerError.invalidFraction(name: "denoising_start", value: start,
                                                 expected: "less than denoising_end = \(end)")
        }

        var lower = 0
        if let start = denoisingStart, start > 0 {
            let cutoff = Float(cutoffTimestep(fraction: start))
            lower = count - timesteps.filter { $0 < cutoff }.count
        } else if let strength {
            let initial = min(Int(Double(count) * strength), count)
            guard initial > 0 else {
                throw SchedulerError.emptyStepWindow(
                    stepCount: count, reason: "strength \(strength) keeps \(count) × \(strength) < 1 step")
            }
            lower = max(count - initial, 0)
        }
        var upper = count
        if let end = denoisingEnd, end < 1 {
            let cutoff = Float(cutoffTimestep(fraction: end))
            upper = lower + timesteps[lower...].filter { $0 >= cutoff }.count
        }
        return lower..<upper
    }

    /// int(round(T − fraction × T)) with Python's round-half-even.
    private func cutoffTimestep(fraction: Double) -> Int {
        let total = Double(trainTimesteps)
        return Int((total - fraction * total).rounded(.toNearestOrEven))
    }
}
