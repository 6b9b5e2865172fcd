// DPM-Solver++ (2M), ported from diffusers 0.42.1 schedulers/scheduling_dpmsolver_multistep.py
// (DPMSolverMultistepScheduler with algorithm_type "dpmsolver++", solver_order 2).
// The sampler keeps the previous step's x̂₀, so run it on consecutive steps of one schedule.
import Foundation
import Tensors

public struct DPMSolverMultistepSampler: Sampler {
    public let kind: SamplerKind
    public let trainTimesteps: Int
    public let timesteps: [Float]
    /// Noise level of each step, then the final one (0, or σ of t = 0 for final_sigmas_type "sigma_min").
    public let sigmas: [Float]
    public var initNoiseSigma: Float { 1 }
    let predictionType: PredictionType
    let solverType: SolverType
    let lowerOrderFinal: Bool
    let eulerAtFinal: Bool
    let finalSigmasType: FinalSigmasType

    /// x̂₀ of the previous step, and how many steps have run (capped at the solver order, 2).
    private var previousOriginal: Tensor?
    private var lowerOrderCount = 0

    public init(config: SchedulerConfig, stepCount: Int, kind: SamplerKind = .dpmpp2m) throws {
        for (key, flag) in [("use_exponential_sigmas", config.useExponentialSigmas),
                            ("use_beta_sigmas", config.useBetaSigmas), ("use_lu_lambdas", config.useLuLambdas),
                            ("use_flow_sigmas", config.useFlowSigmas), ("thresholding", config.thresholding)] {
            try kind.reject(key, ifTrue: flag, hint: "remove the key or pick another sampler")
        }
        if let variance = config.varianceType, variance == "learned" || variance == "learned_range" {
            throw SchedulerError.unsupportedOption(key: "variance_type", value: "\"\(variance)\"",
                                                   sampler: kind.rawValue, hint: "SDXL UNets predict no variance")
        }
        if let algorithm = config.algorithmType, algorithm != "dpmsolver++" {
            throw SchedulerError.unsupportedOption(key: "algorithm_type", value: "\"\(algorithm)\"",
                                                   sampler: kind.rawValue, hint: "only \"dpmsolver++\" is implemented")
        }
        if let order = config.solverOrder, order != 2 {
            throw SchedulerError.unsupportedOption(key: "solver_order", value: "\(order)",
                                                   sampler: kind.rawValue, hint: "only second order (2M) is implemented")
        }
        let schedule = try NoiseSchedule(config: config, sampler: kind.rawValue, pinTerminalAlpha: true)
        let count = schedule.trainTimesteps
        try SamplerKind.validate(stepCount: stepCount, trainTimesteps: count)

        let alphas = schedule.alphasCumprod
        let lastTimestep = count - Self.clippedCount(alphasCumprod: alphas,
                                                     lambdaMin: config.lambdaMinClipped ?? -.infinity)
        let spacing = config.timestepSpacing ?? .linspace
        var steps = spacing.dpmSolverTimesteps(count: stepCount, trainTimesteps: count, lastTimestep: lastTimestep,
                                               stepsOffset: config.stepsOffset ?? 0).map(Double.init)
        let table = schedule.sigmaTable
        var levels: [Double]
        if config.useKarrasSigmas ?? false {
            levels = SigmaConversions.karras(sigmaMin: config.sigmaMin ?? Double(table[0]),
                                             sigmaMax: config.sigmaMax ?? Double(table[count - 1]), count: stepCount)
            let logSigmas = SigmaConversions.logSigmas(table)
            steps = levels.map { SigmaConversions.timestep(forSigma: $0, logSigmas: logSigmas) }
            if config.betaSchedule != .squaredCosineCapV2 { steps = steps.map(NumPyCompat.round) }
            steps = steps.map { $0.rounded(.towardZero) }  // astype(int64)
        } else {
            let values = table.map(Double.init)
            levels = steps.map { NumPyCompat.interpolateOnUnitGrid($0, table: values) }
        }
        let finalType = config.finalSigmasType ?? .zero
        let finalSigma: Float = finalType == .zero ? 0 : ((1 - alphas[0]) / alphas[0]).squareRoot()

        self.kind = kind
        trainTimesteps = count
        timesteps = steps.map { Float($0) }
        sigmas = levels.map { Float($0) } + [finalSigma]
        predictionType = config.predictionType ?? .epsilon
        solverType = config.solverType ?? .midpoint
        lowerOrderFinal = config.lowerOrderFinal ?? true
        eulerAtFinal = config.eulerAtFinal ?? false
        finalSigmasType = finalType
    }

    /// How many of the noisiest training steps lambda_min_clipped removes (torch.searchsorted on
    /// the ascending log-SNR curve).
    private static func clippedCount(alphasCumprod: [Float], lambdaMin: Double) -> Int {
        guard lambdaMin > -.infinity else { return 0 }
        let lambdas = alphasCumprod.reversed().map { alpha in
            Double(log(alpha.squareRoot()) - log((1 - alpha).squareRoot()))
        }
        return lambdas.firstIndex { $0 >= lambdaMin } ?? lambdas.count
    }

    public func scaleModelInput(_ sample: Tensor, stepIndex: Int) -> Tensor { sample }

    /// α_t and σ_t of a noise level: 1 / sqrt(σ² + 1) and σ · α_t.
    private func alphaSigma(_ sigma: Float) -> (alpha: Float, sigma: Float) {
        let alpha = 1 / (sigma * sigma + 1).squareRoot()
        return (alpha, sigma * alpha)
    }

    /// λ = log α − log σ.
    private func logSNR(_ pair: (alpha: Float, sigma: Float)) -> Float { log(pair.alpha) - log(pair.sigma) }

    public mutating func step<R: RandomSource>(modelOutput: Tensor, stepIndex: Int, sample: Tensor,
                                               random: inout R) -> SamplerStep {
        let stepCount = timesteps.count
        let isLast = stepIndex == stepCount - 1
        // The first step has no history; the last one falls back to first order as diffusers decides
        // (its "lower_order_second" rule only matters for third order, which 2M never reaches).
        let useFirstOrderAtEnd = isLast && (eulerAtFinal || (lowerOrderFinal && stepCount < 15) || finalSigmasType == .zero)

        let original = convertToOriginal(modelOutput: modelOutput, sample: sample, stepIndex: stepIndex)
        let previous: Tensor
        if let earlier = previousOriginal, lowerOrderCount >= 1, !useFirstOrderAtEnd {
            previous = secondOrderUpdate(current: original, earlier: earlier, sample: sample, stepIndex: stepIndex)
        } else {
            previous = firstOrderUpdate(original: original, sample: sample, stepIndex: stepIndex)
        }
        previousOriginal = original
        lowerOrderCount = min(lowerOrderCount + 1, 2)
        return SamplerStep(previousSample: previous, predictedOriginal: original)
    }

    /// convert_model_output for dpmsolver++: the model's estimate of x₀.
    private func convertToOriginal(modelOutput: Tensor, sample: Tensor, stepIndex: Int) -> Tensor {
        switch predictionType {
        case .epsilon:
            let (alpha, sigma) = alphaSigma(sigmas[stepIndex])
            return LatentArithmetic.map(sample, modelOutput) { x, e in (x - sigma * e) / alpha }
        case .sample:
            return modelOutput
        case .vPrediction:
            let (alpha, sigma) = alphaSigma(sigmas[stepIndex])
            return LatentArithmetic.map(sample, modelOutput) { x, v in alpha * x - sigma * v }
        }
    }

    /// dpm_solver_first_order_update (DPM-Solver++ 1, i.e. DDIM in x₀ form).
    private func firstOrderUpdate(original: Tensor, sample: Tensor, stepIndex: Int) -> Tensor {
        let target = alphaSigma(sigmas[stepIndex + 1])
        let source = alphaSigma(sigmas[stepIndex])
        let h = logSNR(target) - logSNR(source)
        let sampleScale = target.sigma / source.sigma
        let originalScale = target.alpha * (exp(-h) - 1)
        return LatentArithmetic.map(sample, original) { x, x0 in sampleScale * x - originalScale * x0 }
    }

    /// multistep_dpm_solver_second_order_update.
    private func secondOrderUpdate(current m0: Tensor, earlier m1: Tensor, sample: Tensor, stepIndex: Int) -> Tensor {
        let target = alphaSigma(sigmas[stepIndex + 1])
        let source0 = alphaSigma(sigmas[stepIndex])
        let source1 = alphaSigma(sigmas[stepIndex - 1])
        let lambdaT = logSNR(target), lambda0 = logSNR(source0), lambda1 = logSNR(source1)
        let h = lambdaT - lambda0
        let h0 = lambda0 - lambda1
        let r0 = h0 / h
        let differenceScale = 1 / r0
        let sampleScale = target.sigma / source0.sigma
        let expMinusOne = exp(-h) - 1
        let d0Scale = target.alpha * expMinusOne
        let d1Scale: Float
        let subtractD1: Bool
        switch solverType {
        case .midpoint:
            d1Scale = 0.5 * (target.alpha * expMinusOne)
            subtractD1 = true
        case .heun:
            d1Scale = target.alpha * (expMinusOne / h + 1)
            subtractD1 = false
        }
        return LatentArithmetic.map(sample, m0, m1) { x, current, earlier in
            let d1 = differenceScale * (current - earlier)
            let partial = sampleScale * x - d0Scale * current
            return subtractD1 ? partial - d1Scale * d1 : partial + d1Scale * d1
        }
    }

    public func addNoise(to original: Tensor, noise: Tensor, stepIndex: Int) -> Tensor {
        let (alpha, sigma) = alphaSigma(sigmas[stepIndex])
        return LatentArithmetic.map(original, noise) { x, n in alpha * x + sigma * n }
    }
}
