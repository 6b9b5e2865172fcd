import Synchronization

/// The half-precision weights a model left in their file mappings (`WeightResidency.halfPrecision`),
/// recorded as it loaded. They become resident as a forward pass reads them; under memory
/// pressure a model that waits for its next use can give their pages back.
public final class MappedWeights: Sendable {
    private let weights = Mutex<[StoredWeight]>([])

    public init() {}

    /// Their size in the files: the most they keep resident.
    public var bytes: Int { weights.withLock { $0.reduce(0) { $0 + $1.mappedBytes } } }

    /// Gives every page back until the next use (see `StoredWeight.releaseResidentPages`).
    /// Returns the bytes.
    @discardableResult
    public func releaseResidentPages() -> Int {
        weights.withLock { $0.reduce(0) { $0 + $1.releaseResidentPages() } }
    }

    func record(_ weight: StoredWeight) {
        guard weight.mappedBytes > 0 else { return }
        weights.withLock { $0.append(weight) }
    }
}
