// The named samplers, and how each one is configured: the model's own scheduler_config.json plus
// only the options that define the sampler. Nothing carries over from another sampler.

public enum SamplerKind: String, CaseIterable, Sendable, Codable {
    /// EulerDiscreteScheduler, the SDXL default.
    case euler
    /// EulerAncestralDiscreteScheduler.
    case eulerAncestral = "euler_a"
    /// DPMSolverMultistepScheduler, DPM-Solver++ (2M).
    case dpmpp2m = "dpmpp_2m"
    /// DPM-Solver++ (2M) on the Karras sigma schedule.
    case dpmpp2mKarras = "dpmpp_2m_karras"
    /// DDIMScheduler (eta = 0).
    case ddim
    /// Euler on "trailing" timesteps, for few-step models (SDXL-Lightning, SDXL-Turbo).
    case eulerTrailing = "euler_trailing"

    /// The sampler called `name` (e.g. "dpmpp_2m_karras").
    public init(name: String) throws {
        guard let kind = SamplerKind(rawValue: name) else {
            throw SchedulerError.unknownSampler(name: name, known: SamplerKind.allCases.map(\.rawValue))
        }
        self = kind
    }

    /// The model's config with this sampler's defining options set. Only these keys change;
    /// every other key keeps the model's value (or the scheduler class default when absent).
    public func configured(from modelConfig: SchedulerConfig) -> SchedulerConfig {
        var config = modelConfig
        switch self {
        case .euler, .eulerAncestral, .ddim:
            break
        case .eulerTrailing:
            config.timestepSpacing = .trailing
        case .dpmpp2m, .dpmpp2mKarras:
            config.algorithmType = "dpmsolver++"
            config.solverOrder = 2
            config.useKarrasSigmas = (self == .dpmpp2mKarras)
        }
        return config
    }

    /// A fresh sampler for `stepCount` inference steps, built from the model's scheduler config.
    public func makeSampler(modelConfig: SchedulerConfig, stepCount: Int) throws -> any Sampler {
        let config = configured(from: modelConfig)
        switch self {
        case .euler, .eulerTrailing:
            return try EulerDiscreteSampler(config: config, stepCount: stepCount, kind: self)
        case .eulerAncestral:
            return try EulerAncestralSampler(config: config, stepCount: stepCount)
        case .dpmpp2m, .dpmpp2mKarras:
            return try DPMSolverMultistepSampler(config: config, stepCount: stepCount, kind: self)
        case .ddim:
            return try DDIMSampler(config: config, stepCount: stepCount)
        }
    }

    /// The sampler that matches the scheduler a model ships with (`_class_name`), Euler otherwise.
    public static func modelDefault(for config: SchedulerConfig) -> SamplerKind {
        switch config.className {
        case "EulerAncestralDiscreteScheduler": return .eulerAncestral
        case "DPMSolverMultistepScheduler": return (config.useKarrasSigmas ?? false) ? .dpmpp2mKarras : .dpmpp2m
        case "DDIMScheduler": return .ddim
        default: return .euler
        }
    }
}

extension SamplerKind {
    /// Checks the step count against the schedule length, as set_timesteps does.
    static func validate(stepCount: Int, trainTimesteps: Int) throws {
        guard stepCount >= 1, stepCount <= trainTimesteps else {
            throw SchedulerError.invalidStepCount(stepCount, trainTimesteps: trainTimesteps)
        }
    }

    /// Rejects a set option this port does not implement.
    func reject(_ key: String, ifTrue flag: Bool?, hint: String) throws {
        if flag == true {
            throw SchedulerError.unsupportedOption(key: key, value: "true", sampler: rawValue, hint: hint)
        }
    }
}
