// The enumerated values of a diffusers scheduler_config.json (diffusers 0.42.1 schedulers).

public enum BetaSchedule: String, Codable, CaseIterable, Sendable {
    case linear
    case scaledLinear = "scaled_linear"
    case squaredCosineCapV2 = "squaredcos_cap_v2"
}

public enum PredictionType: String, Codable, CaseIterable, Sendable {
    case epsilon
    case vPrediction = "v_prediction"
    case sample
}

public enum TimestepSpacing: String, Codable, CaseIterable, Sendable {
    case leading, trailing, linspace
}

public enum InterpolationType: String, Codable, CaseIterable, Sendable {
    case linear
    case logLinear = "log_linear"
}

public enum FinalSigmasType: String, Codable, CaseIterable, Sendable {
    case zero
    case sigmaMin = "sigma_min"
}

public enum TimestepType: String, Codable, CaseIterable, Sendable {
    case discrete, continuous
}

public enum SolverType: String, Codable, CaseIterable, Sendable {
    case midpoint, heun
}
