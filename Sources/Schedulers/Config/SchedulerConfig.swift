// A model's scheduler/scheduler_config.json, as diffusers' ConfigMixin reads it (diffusers 0.42.1,
// configuration_utils.py). Every key is optional: a missing key, or one listed in
// `_use_default_values`, takes the default of the scheduler class that is built from the config.

public struct SchedulerConfig: Equatable, Sendable {
    public var className: String?
    public var numTrainTimesteps: Int?
    public var betaStart: Double?
    public var betaEnd: Double?
    public var betaSchedule: BetaSchedule?
    public var trainedBetas: [Double]?
    public var predictionType: PredictionType?
    public var timestepSpacing: TimestepSpacing?
    public var stepsOffset: Int?
    public var interpolationType: InterpolationType?
    public var timestepType: TimestepType?
    public var useKarrasSigmas: Bool?
    public var useExponentialSigmas: Bool?
    public var useBetaSigmas: Bool?
    public var useLuLambdas: Bool?
    public var useFlowSigmas: Bool?
    public var sigmaMin: Double?
    public var sigmaMax: Double?
    public var finalSigmasType: FinalSigmasType?
    public var rescaleBetasZeroSnr: Bool?
    // DDIM
    public var clipSample: Bool?
    public var clipSampleRange: Double?
    public var setAlphaToOne: Bool?
    public var thresholding: Bool?
    // DPM-Solver
    public var algorithmType: String?
    public var solverOrder: Int?
    public var solverType: SolverType?
    public var lowerOrderFinal: Bool?
    public var eulerAtFinal: Bool?
    public var lambdaMinClipped: Double?
    public var varianceType: String?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case className = "_class_name"
        case useDefaultValues = "_use_default_values"
        case numTrainTimesteps = "num_train_timesteps"
        case betaStart = "beta_start"
        case betaEnd = "beta_end"
        case betaSchedule = "beta_schedule"
        case trainedBetas = "trained_betas"
        case predictionType = "prediction_type"
        case timestepSpacing = "timestep_spacing"
        case stepsOffset = "steps_offset"
        case interpolationType = "interpolation_type"
        case timestepType = "timestep_type"
        case useKarrasSigmas = "use_karras_sigmas"
        case useExponentialSigmas = "use_exponential_sigmas"
        case useBetaSigmas = "use_beta_sigmas"
        case useLuLambdas = "use_lu_lambdas"
        case useFlowSigmas = "use_flow_sigmas"
        case sigmaMin = "sigma_min"
        case sigmaMax = "sigma_max"
        case finalSigmasType = "final_sigmas_type"
        case rescaleBetasZeroSnr = "rescale_betas_zero_snr"
        case clipSample = "clip_sample"
        case clipSampleRange = "clip_sample_range"
        case setAlphaToOne = "set_alpha_to_one"
        case thresholding
        case algorithmType = "algorithm_type"
        case solverOrder = "solver_order"
        case solverType = "solver_type"
        case lowerOrderFinal = "lower_order_final"
        case eulerAtFinal = "euler_at_final"
        case lambdaMinClipped = "lambda_min_clipped"
        case varianceType = "variance_type"
    }
}

extension SchedulerConfig {
    /// The scheduler of stabilityai/stable-diffusion-xl-base-1.0 (scheduler/scheduler_config.json).
    public static let sdxlBase: SchedulerConfig = {
        var config = SchedulerConfig()
        config.className = "EulerDiscreteScheduler"
        config.numTrainTimesteps = 1000
        config.betaStart = 0.00085
        config.betaEnd = 0.012
        config.betaSchedule = .scaledLinear
        config.predictionType = .epsilon
        config.timestepSpacing = .leading
        config.stepsOffset = 1
        config.interpolationType = .linear
        config.useKarrasSigmas = false
        config.clipSample = false
        config.setAlphaToOne = false
        return config
    }()
}
