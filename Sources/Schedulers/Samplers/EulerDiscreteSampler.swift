// Euler sampler, ported from diffusers 0.42.1 schedulers/scheduling_euler_discrete.py
// (EulerDiscreteScheduler; s_churn = 0 as the SDXL pipelines call it).
import Foundation
import Tensors

public struct EulerDiscreteSampler: Sampler {
    public let kind: SamplerKind
    public let trainTimesteps: Int
    public let timesteps: [Float]
    /// Noise level of each step, then the final one (timesteps.count + 1 values or more).
    public let sigmas: [Float]
    public let initNoiseSigma: Float
    let predictionType: PredictionType

    public init(config: SchedulerConfig, stepCount: Int, kind: SamplerKind = .euler) throws {
        try kind.reject("use_exponential_sigmas", ifTrue: config.useExponentialSigmas,
                        hint: "use the default sigma schedule or sampler dpmpp_2m_karras")
        try kind.reject("use_beta_sigmas", ifTrue: config.useBetaSigmas,
                        hint: "use the default sigma schedule or sampler dpmpp_2m_karras")
        let schedule = try NoiseSchedule(config: config, sampler: kind.rawValue, pinTerminalAlpha: true)
        let count = schedule.trainTimesteps
        try SamplerKind.validate(stepCount: stepCount, trainTimesteps: count)
        let spacing = config.timestepSpacing ?? .linspace
        let prediction = config.predictionType ?? .epsilon

        let table = schedule.sigmaTable
        let tableValues = table.map(Double.init)
        var steps = spacing.eulerTimesteps(count: stepCount, trainTimesteps: count,
                                           stepsOffset: config.stepsOffset ?? 0).map(Double.init)
        var levels: [Double]
        switch config.interpolationType ?? .linear {
        case .linear:
            levels = steps.map { NumPyCompat.interpolateOnUnitGrid($0, table: tableValues) }
        case .logLinear:
            let logs = NoiseSchedule.torchLinspace(log(table[count - 1]), log(table[0]), count: stepCount + 1)
            levels = logs.map { Double(exp($0)) }
        }
        if config.useKarrasSigmas ?? false {
            levels = SigmaConversions.karras(sigmaMin: config.sigmaMin ?? levels[levels.count - 1],
                                             sigmaMax: config.sigmaMax ?? levels[0], count: stepCount)
            let logSigmas = SigmaConversions.logSigmas(table)
            steps = levels.map { SigmaConversions.timestep(forSigma: $0, logSigmas: logSigmas) }
        }
        let finalSigma: Float = switch config.finalSigmasType ?? .zero {
        case .zero: 0
        case .sigmaMin: ((1 - schedule.alphasCumprod[0]) / schedule.alphasCumprod[0]).squareRoot()
        }
        let sigmas = levels.map { Float($0) } + [finalSigma]

        if config.timestepType == .continuous && prediction == .vPrediction {
            timesteps = sigmas.dropLast().map { 0.25 * log($0) }
        } else {
            timesteps = steps.map { Float($0) }
        }
        self.kind = kind
        self.trainTimesteps = count
        self.sigmas = sigmas
        self.predictionType = prediction
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
        let sigmaHat = sigma * 1  // sigma * (gamma + 1), gamma = 0 without churn
        let original: Tensor
        switch predictionType {
        case .sample:
            original = modelOutput
        case .epsilon:
            original = LatentArithmetic.map(sample, modelOutput) { x, e in x - sigmaHat * e }
        case .vPrediction:
            let outScale = -sigma / (sigma * sigma + 1).squareRoot()
            let inDivisor = sigma * sigma + 1
            original = LatentArithmetic.map(modelOutput, sample) { v, x in v * outScale + x / inDivisor }
        }
        let dt = sigmas[stepIndex + 1] - sigmaHat
        let previous = LatentArithmetic.map(sample, original) { x, x0 in
            let derivative = (x - x0) / sigmaHat
            return x + derivative * dt
        }
        return SamplerStep(previousSample: previous, predictedOriginal: original)
    }

    public func addNoise(to original: Tensor, noise: Tensor, stepIndex: Int) -> Tensor {
        let sigma = sigmas[stepIndex]
        return LatentArithmetic.map(original, noise) { x, n in x + n * sigma }
    }
}
