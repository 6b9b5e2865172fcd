// DDIM sampler, ported from diffusers 0.42.1 schedulers/scheduling_ddim.py (DDIMScheduler) with
// eta = 0 by default, as the SDXL pipelines call it; eta > 0 draws noise from the random source.
import Tensors

public struct DDIMSampler: Sampler {
    public var kind: SamplerKind { .ddim }
    public let trainTimesteps: Int
    public let timesteps: [Float]
    /// ᾱ_t of the training schedule.
    public let alphasCumprod: [Float]
    /// ᾱ used after the last timestep (1, or ᾱ_0 when set_alpha_to_one is false).
    public let finalAlphaCumprod: Float
    public var initNoiseSigma: Float { 1 }
    /// Stochasticity η (0 = deterministic DDIM).
    public let eta: Float
    let integerTimesteps: [Int]
    let timestepStride: Int
    let predictionType: PredictionType
    let clipRange: Float?

    public init(config: SchedulerConfig, stepCount: Int, eta: Float = 0) throws {
        try SamplerKind.ddim.reject("thresholding", ifTrue: config.thresholding,
                                    hint: "dynamic thresholding is for pixel-space models; set it to false")
        let schedule = try NoiseSchedule(config: config, sampler: SamplerKind.ddim.rawValue, pinTerminalAlpha: false)
        let count = schedule.trainTimesteps
        try SamplerKind.validate(stepCount: stepCount, trainTimesteps: count)
        let spacing = config.timestepSpacing ?? .leading
        integerTimesteps = spacing.ddimTimesteps(count: stepCount, trainTimesteps: count,
                                                 stepsOffset: config.stepsOffset ?? 0)
        // Trailing spacing can end on timestep -1 (NumPy's arange adds a step for some counts);
        // diffusers then indexes ᾱ from the end, as Python does. Anything else out of range is an error.
        if let bad = integerTimesteps.first(where: { $0 < -count || $0 >= count }) {
            throw SchedulerError.invalidValue(key: "steps_offset", value: "\(config.stepsOffset ?? 0)",
                                              expected: "an offset that keeps timestep \(bad) inside 0..<\(count)")
        }
        timesteps = integerTimesteps.map { Float($0) }
        timestepStride = count / stepCount
        trainTimesteps = count
        alphasCumprod = schedule.alphasCumprod
        finalAlphaCumprod = (config.setAlphaToOne ?? true) ? 1 : schedule.alphasCumprod[0]
        predictionType = config.predictionType ?? .epsilon
        clipRange = (config.clipSample ?? true) ? Float(config.clipSampleRange ?? 1) : nil
        self.eta = eta
    }

    public func scaleModelInput(_ sample: Tensor, stepIndex: Int) -> Tensor { sample }

    /// ᾱ at a timestep, negative timesteps counting from the end as in Python.
    private func alphaCumprod(at t: Int) -> Float {
        alphasCumprod[t >= 0 ? t : alphasCumprod.count + t]
    }

    public mutating func step<R: RandomSource>(modelOutput: Tensor, stepIndex: Int, sample: Tensor,
                                               random: inout R) -> SamplerStep {
        let t = integerTimesteps[stepIndex]
        let previousT = t - timestepStride
        let alphaT = alphaCumprod(at: t)
        let alphaPrevious = previousT >= 0 ? alphasCumprod[previousT] : finalAlphaCumprod
        let betaT = 1 - alphaT
        let rootAlpha = alphaT.squareRoot()
        let rootBeta = betaT.squareRoot()

        var original: Tensor
        let epsilon: Tensor
        switch predictionType {
        case .epsilon:
            original = LatentArithmetic.map(sample, modelOutput) { x, e in (x - rootBeta * e) / rootAlpha }
            epsilon = modelOutput
        case .sample:
            original = modelOutput
            epsilon = LatentArithmetic.map(sample, modelOutput) { x, x0 in (x - rootAlpha * x0) / rootBeta }
        case .vPrediction:
            original = LatentArithmetic.map(sample, modelOutput) { x, v in rootAlpha * x - rootBeta * v }
            epsilon = LatentArithmetic.map(modelOutput, sample) { v, x in rootAlpha * v + rootBeta * x }
        }
        if let range = clipRange {
            original = LatentArithmetic.map(original) { min(max($0, -range), range) }
        }
        let betaPrevious = 1 - alphaPrevious
        let variance = (betaPrevious / betaT) * (1 - alphaT / alphaPrevious)
        let deviation = eta * variance.squareRoot()
        let directionScale = (1 - alphaPrevious - deviation * deviation).squareRoot()
        let rootAlphaPrevious = alphaPrevious.squareRoot()
        var previous = LatentArithmetic.map(original, epsilon) { x0, e in
            rootAlphaPrevious * x0 + directionScale * e
        }
        if eta > 0 {
            let noise = random.standardNormal(shape: modelOutput.shape)
            previous = LatentArithmetic.map(previous, noise) { x, n in x + deviation * n }
        }
        return SamplerStep(previousSample: previous, predictedOriginal: original)
    }

    public func addNoise(to original: Tensor, noise: Tensor, stepIndex: Int) -> Tensor {
        let alpha = alphaCumprod(at: integerTimesteps[stepIndex])
        let rootAlpha = alpha.squareRoot()
        let rootOneMinusAlpha = (1 - alpha).squareRoot()
        return LatentArithmetic.map(original, noise) { x, n in rootAlpha * x + rootOneMinusAlpha * n }
    }
}
