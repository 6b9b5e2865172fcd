// Decoding scheduler_config.json into `SchedulerConfig`, with errors that name the file and key.
import Foundation

extension SchedulerConfig: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaulted = Set(try container.decodeIfPresent([String].self, forKey: .useDefaultValues) ?? [])

        func value<T: Decodable>(_ type: T.Type, _ key: CodingKeys) throws -> T? {
            if defaulted.contains(key.rawValue) { return nil }
            return try container.decodeIfPresent(type, forKey: key)
        }
        func option<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ key: CodingKeys) throws -> T?
        where T.RawValue == String {
            guard let raw = try value(String.self, key) else { return nil }
            guard let parsed = T(rawValue: raw) else {
                let allowed = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw SchedulerError.invalidValue(key: key.rawValue, value: "\"\(raw)\"", expected: "one of \(allowed)")
            }
            return parsed
        }

        self.init()
        className = try value(String.self, .className)
        numTrainTimesteps = try value(Int.self, .numTrainTimesteps)
        betaStart = try value(Double.self, .betaStart)
        betaEnd = try value(Double.self, .betaEnd)
        betaSchedule = try option(BetaSchedule.self, .betaSchedule)
        trainedBetas = try value([Double].self, .trainedBetas)
        predictionType = try option(PredictionType.self, .predictionType)
        timestepSpacing = try option(TimestepSpacing.self, .timestepSpacing)
        stepsOffset = try value(Int.self, .stepsOffset)
        interpolationType = try option(InterpolationType.self, .interpolationType)
        timestepType = try option(TimestepType.self, .timestepType)
        useKarrasSigmas = try value(Bool.self, .useKarrasSigmas)
        useExponentialSigmas = try value(Bool.self, .useExponentialSigmas)
        useBetaSigmas = try value(Bool.self, .useBetaSigmas)
        useLuLambdas = try value(Bool.self, .useLuLambdas)
        useFlowSigmas = try value(Bool.self, .useFlowSigmas)
        sigmaMin = try value(Double.self, .sigmaMin)
        sigmaMax = try value(Double.self, .sigmaMax)
        finalSigmasType = try option(FinalSigmasType.self, .finalSigmasType)
        rescaleBetasZeroSnr = try value(Bool.self, .rescaleBetasZeroSnr)
        clipSample = try value(Bool.self, .clipSample)
        clipSampleRange = try value(Double.self, .clipSampleRange)
        setAlphaToOne = try value(Bool.self, .setAlphaToOne)
        thresholding = try value(Bool.self, .thresholding)
        algorithmType = try value(String.self, .algorithmType)
        solverOrder = try value(Int.self, .solverOrder)
        solverType = try option(SolverType.self, .solverType)
        lowerOrderFinal = try value(Bool.self, .lowerOrderFinal)
        eulerAtFinal = try value(Bool.self, .eulerAtFinal)
        lambdaMinClipped = try value(Double.self, .lambdaMinClipped)
        varianceType = try value(String.self, .varianceType)
        try validateRanges()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(className, forKey: .className)
        try container.encodeIfPresent(numTrainTimesteps, forKey: .numTrainTimesteps)
        try container.encodeIfPresent(betaStart, forKey: .betaStart)
        try container.encodeIfPresent(betaEnd, forKey: .betaEnd)
        try container.encodeIfPresent(betaSchedule, forKey: .betaSchedule)
        try container.encodeIfPresent(trainedBetas, forKey: .trainedBetas)
        try container.encodeIfPresent(predictionType, forKey: .predictionType)
        try container.encodeIfPresent(timestepSpacing, forKey: .timestepSpacing)
        try container.encodeIfPresent(stepsOffset, forKey: .stepsOffset)
        try container.encodeIfPresent(interpolationType, forKey: .interpolationType)
        try container.encodeIfPresent(timestepType, forKey: .timestepType)
        try container.encodeIfPresent(useKarrasSigmas, forKey: .useKarrasSigmas)
        try container.encodeIfPresent(useExponentialSigmas, forKey: .useExponentialSigmas)
        try container.encodeIfPresent(useBetaSigmas, forKey: .useBetaSigmas)
        try container.encodeIfPresent(useLuLambdas, forKey: .useLuLambdas)
        try container.encodeIfPresent(useFlowSigmas, forKey: .useFlowSigmas)
        try container.encodeIfPresent(sigmaMin, forKey: .sigmaMin)
        try container.encodeIfPresent(sigmaMax, forKey: .sigmaMax)
        try container.encodeIfPresent(finalSigmasType, forKey: .finalSigmasType)
        try container.encodeIfPresent(rescaleBetasZeroSnr, forKey: .rescaleBetasZeroSnr)
        try container.encodeIfPresent(clipSample, forKey: .clipSample)
        try container.encodeIfPresent(clipSampleRange, forKey: .clipSampleRange)
        try container.encodeIfPresent(setAlphaToOne, forKey: .setAlphaToOne)
        try container.encodeIfPresent(thresholding, forKey: .thresholding)
        try container.encodeIfPresent(algorithmType, forKey: .algorithmType)
        try container.encodeIfPresent(solverOrder, forKey: .solverOrder)
        try container.encodeIfPresent(solverType, forKey: .solverType)
        try container.encodeIfPresent(lowerOrderFinal, forKey: .lowerOrderFinal)
        try container.encodeIfPresent(eulerAtFinal, forKey: .eulerAtFinal)
        try container.encodeIfPresent(lambdaMinClipped, forKey: .lambdaMinClipped)
        try container.encodeIfPresent(varianceType, forKey: .varianceType)
    }

    /// Rejects values no scheduler accepts, before any sampler is built.
    func validateRanges() throws {
        if let count = numTrainTimesteps, count < 2 {
            throw SchedulerError.invalidValue(key: "num_train_timesteps", value: "\(count)", expected: "an integer >= 2")
        }
        if let start = betaStart, !(start > 0 && start < 1) {
            throw SchedulerError.invalidValue(key: "beta_start", value: "\(start)", expected: "a number in (0, 1)")
        }
        if let end = betaEnd, !(end > 0 && end < 1) {
            throw SchedulerError.invalidValue(key: "beta_end", value: "\(end)", expected: "a number in (0, 1)")
        }
        if let betas = trainedBetas {
            if let bad = betas.first(where: { !($0 >= 0 && $0 < 1) }) {
                throw SchedulerError.invalidValue(key: "trained_betas", value: "\(bad)", expected: "betas in [0, 1)")
            }
            if let count = numTrainTimesteps, count != betas.count {
                throw SchedulerError.invalidValue(key: "trained_betas", value: "\(betas.count) values",
                                                  expected: "num_train_timesteps = \(count) values")
            }
        }
        if let offset = stepsOffset, offset < 0 {
            throw SchedulerError.invalidValue(key: "steps_offset", value: "\(offset)", expected: "an integer >= 0")
        }
        for (key, sigma) in [("sigma_min", sigmaMin), ("sigma_max", sigmaMax)] {
            if let sigma, !(sigma > 0 && sigma.isFinite) {
                throw SchedulerError.invalidValue(key: key, value: "\(sigma)", expected: "a positive number")
            }
        }
    }

    /// Reads a scheduler_config.json; errors name the file.
    public static func load(contentsOf url: URL) throws -> SchedulerConfig {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SchedulerError.unreadableConfig(path: url.path, reason: error.localizedDescription)
        }
        return try decode(data, source: url.path)
    }

    /// Decodes JSON text (diffusers writes `-Infinity` / `NaN` for non-finite floats).
    public static func decode(_ data: Data, source: String) throws -> SchedulerConfig {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        do {
            return try decoder.decode(SchedulerConfig.self, from: data)
        } catch let error as SchedulerError {
            throw SchedulerError.malformedConfig(path: source, reason: error.description)
        } catch let DecodingError.typeMismatch(type, context) {
            throw SchedulerError.malformedConfig(
                path: source, reason: "key '\(Self.keyPath(context))' is not a \(type)")
        } catch let DecodingError.dataCorrupted(context) {
            let key = Self.keyPath(context)
            throw SchedulerError.malformedConfig(
                path: source, reason: key.isEmpty ? "not valid JSON" : "key '\(key)': \(context.debugDescription)")
        } catch {
            throw SchedulerError.malformedConfig(path: source, reason: "\(error)")
        }
    }

    private static func keyPath(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
