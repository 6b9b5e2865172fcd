// Errors of the Schedulers module: reading a scheduler_config.json, choosing a sampler, and
// choosing which steps of a schedule to run.
import Foundation

public enum SchedulerError: Error, Equatable, Sendable {
    /// A sampler name that is not one of `SamplerKind.allCases`.
    case unknownSampler(name: String, known: [String])
    /// The config file could not be read at all.
    case unreadableConfig(path: String, reason: String)
    /// The config file is not a JSON object of the expected key types.
    case malformedConfig(path: String, reason: String)
    /// A key holds a value outside the accepted set or range.
    case invalidValue(key: String, value: String, expected: String)
    /// A key holds a value diffusers accepts but this port does not implement.
    case unsupportedOption(key: String, value: String, sampler: String, hint: String)
    /// The number of inference steps is not in 1...num_train_timesteps.
    case invalidStepCount(Int, trainTimesteps: Int)
    /// An img2img strength, denoising_start or denoising_end outside its range.
    case invalidFraction(name: String, value: Double, expected: String)
    /// The chosen strength / denoising_start / denoising_end leave no step to run.
    case emptyStepWindow(stepCount: Int, reason: String)
}

extension SchedulerError: LocalizedError, CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unknownSampler(name, known):
            return "unknown sampler '\(name)'; choose one of: \(known.joined(separator: ", "))"
        case let .unreadableConfig(path, reason):
            return "cannot read scheduler config \(path): \(reason); check that the model folder has "
                + "scheduler/scheduler_config.json"
        case let .malformedConfig(path, reason):
            return "scheduler config \(path) is malformed: \(reason); fix the file or re-download the model"
        case let .invalidValue(key, value, expected):
            return "scheduler config key '\(key)' has value \(value); expected \(expected)"
        case let .unsupportedOption(key, value, sampler, hint):
            return "scheduler config key '\(key)' = \(value) is not supported by sampler '\(sampler)'; \(hint)"
        case let .invalidStepCount(count, trainTimesteps):
            return "step count \(count) is out of range; use 1...\(trainTimesteps) steps"
        case let .invalidFraction(name, value, expected):
            return "\(name) = \(value) is out of range; expected \(expected)"
        case let .emptyStepWindow(stepCount, reason):
            return "no denoising step left out of \(stepCount): \(reason); raise the step count or the strength"
        }
    }

    public var errorDescription: String? { description }
}
