import Foundation
import Imaging
import StableDiffusionXL

/// How much memory a job may count on beyond the loaded weights.
public enum MemoryLimit: Sendable, Equatable {
    /// What the machine has available now (MemAvailable).
    case machine
    /// The process may grow to this many bytes in all (`--memory-limit`).
    case total(Int)
    /// No check (`--ignore-memory-limit`).
    case ignored

    /// Bytes available to the job's activations now; nil when unlimited.
    var availableBytes: Int? {
        switch self {
        case .ignored: return nil
        case .machine: return ProcessMemory.availableBytes
        case .total(let bytes): return max(0, bytes - (ProcessMemory.residentBytes ?? 0))
        }
    }

    /// Throws `GenerationError.notEnoughMemory`, naming a size that would fit, when `plan`'s
    /// activations exceed what is available.
    func check(_ plan: GenerationPlan, pipeline: SDXLPipeline) throws {
        guard let available = availableBytes else { return }
        let needed = ActivationMemory(plan, pipeline: pipeline).peak
        guard needed > available else { return }
        let multiple = max(pipeline.base.vaeScaleFactor, GenerationParameters.sizeMultiple)
        throw GenerationError.notEnoughMemory(
            size: plan.size, needed: needed, available: available,
            fitting: ActivationMemory.largestFitting(plan, pipeline: pipeline, bytes: available, multiple: multiple))
    }
}
