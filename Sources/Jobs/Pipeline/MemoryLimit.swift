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
    /// activations exceed what is available. Returns the activations' estimate.
    @discardableResult
    func check(_ plan: GenerationPlan, pipeline: SDXLPipeline) throws -> ActivationMemory {
        let estimate = ActivationMemory(plan, pipeline: pipeline)
        guard let available = availableBytes, estimate.peak > available else { return estimate }
        let multiple = max(pipeline.base.vaeScaleFactor, GenerationParameters.sizeMultiple)
        throw GenerationError.notEnoughMemory(
            size: plan.size, needed: estimate.peak, available: available,
            fitting: estimate.largestFitting(plan.size, bytes: available, multiple: multiple))
    }

    /// Whether memory is short for activations of `needed` bytes with `spare` bytes more kept
    /// resident: less than both together is available. Never when the limit is ignored.
    func isShort(needing needed: Int, keeping spare: Int) -> Bool {
        guard let available = availableBytes else { return false }
        return available < needed + spare
    }
}
