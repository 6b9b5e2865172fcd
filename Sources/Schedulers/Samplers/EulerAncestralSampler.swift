// Euler ancestral sampler, ported from diffusers 0.42.1
// schedulers/scheduling_euler_ancestral_discrete.py (EulerAncestralDiscreteScheduler).
// Every step draws one latent-sized noise tensor from the random source, the last step included.
import Tensors

public struct EulerAncestralSampler: Sampler {
    public var kind: SamplerKind { .eulerAncestral }
    public let trainTimesteps: Int
    public let timesteps: [Float]
    /// Noise level of each step, then 0.
    public let sigmas: [Float]
    public let initNoiseSigma: Float
    let predictionType: PredictionType

    public init(config: SchedulerConfig, stepCount: Int) throws {
        let prediction = config.predictionType ?? .epsilon
        if prediction == .sample {
            throw SchedulerError.unsupportedOption(
                key: "prediction_type", value: "\"sample\"", sampler: SamplerKind.eulerAncestral.rawValue,
                hint: "diffusers' EulerAncestralDiscreteScheduler does not implement it either; choose euler or ddim")
        }
        let schedule = try NoiseSchedule(config: config, sampler: SamplerKind.eulerAncestral.rawValue,
                                         pinTerminalAlpha: true)
        let count = schedule.trainTimesteps
        try SamplerKind.validate(stepCount: stepCount, trainTimesteps: count)
        let spacing = config.timestepSpacing ?? .linspace
        let steps = spacing.eulerTimesteps(count: stepCount, trainTimesteps: count,
                                           stepsOffset: config.stepsOffset ?? 0)
        let table = schedule.sigmaTable.map(Double.init)
        let sigmas = steps.map { Float(NumPyCompat.interpolateOnUnitGrid(Double($0), table: table)) } + [0]
        trainTimesteps = count
        timesteps = steps
        self.sigmas = sigmas
        predictionType = prediction
        let maxSigma = sigmas.max() ?? 0
        initNoiseSigma = (spacing == .leading) ? (maxSigma * maxSigma + 1).squareRoot() : maxSigma
    }

    public func scaleModelInput(_ sample: Tensor, stepIndex: Int) -> Tensor {
        let sigma = sigmas[stepIndex]
        let denominator = (sigma * sigma + 1).squareRoot()
        return LatentArithmetic.map(sample) { $0 / denominator }
    }

    public mutating func step<R: RandomSource>(modelOutput: Tensor, stepIndex: Int, sample: Tensor,
                                               random: inout R) -> SamplerStep {
        let sigma = sigmas[stepIndex]
        let original: Tensor
        if predictionType == .vPrediction {
            let outScale = -sigma / (sigma * sigma + 1).squareRoot()
            let inDivisor = sigma * sigma + 1
            original = LatentArithmetic.map(modelOutput, sample) { v, x in v * outScale + x / inDivisor }
        } else {
            original = LatentArithmetic.map(sample, modelOutput) { x, e in x - sigma * e }
        }
        let sigmaFrom = sigma
        let sigmaTo = sigmas[stepIndex + 1]
        let toSquared = sigmaTo * sigmaTo
        let fromSquared = sigmaFrom * sigmaFrom
        let sigmaUp = (toSquared * (fromSquared - toSquared) / fromSquared).squareRoot()
        let sigmaDown = (toSquared - sigmaUp * sigmaUp).squareRoot()
        let dt = sigmaDown - sigma
        let noise = random.standardNormal(shape: modelOutput.shape)
        let previous = LatentArithmetic.map(sample, original, noise) { x, x0, n in
            let derivative = (x - x0) / sigma
            let deterministic = x + derivative * dt
            return deterministic + n * sigmaUp
        }
        return SamplerStep(previousSample: previous, predictedOriginal: original)
    }

    public func addNoise(to original: Tensor, noise: Tensor, stepIndex: Int) -> Tensor {
        let sigma = sigmas[stepIndex]
        return LatentArithmetic.map(original, noise) { x, n in x + n * sigma }
    }
}
