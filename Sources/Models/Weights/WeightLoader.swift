import Synchronization
import Tensors

/// A running total of the bytes the weights handed out keep in their file mappings.
public final class MappedWeightTally: Sendable {
    private let total = Mutex(0)

    public init() {}

    public var bytes: Int { total.withLock { $0 } }

    func add(_ weight: StoredWeight) {
        let bytes = weight.mappedBytes
        if bytes > 0 { total.withLock { $0 += bytes } }
    }
}

/// Reads a module's parameters by their checkpoint names (`prefix` + `name`),
/// checking every shape against what the config implies.
public struct WeightLoader: Sendable {
    public let source: any WeightSource
    public let prefix: String
    /// Counts the mapped bytes of every large weight read through this loader and its children.
    public let tally: MappedWeightTally?

    public init(_ source: any WeightSource, prefix: String = "", tally: MappedWeightTally? = nil) {
        self.source = source
        self.prefix = prefix
        self.tally = tally
    }

    /// The loader for a child module: `down_blocks.1` → keys `down_blocks.1.…`.
    public func child(_ name: String) -> WeightLoader {
        WeightLoader(source, prefix: prefix + name + ".", tally: tally)
    }

    public func callAsFunction(_ name: String) -> WeightLoader { child(name) }

    /// The tensor `prefix + name`, which must have exactly `shape`.
    public func tensor(_ name: String, shape: [Int]) throws -> Tensor {
        try source.tensor(named: checkedKey(name, shape: shape))
    }

    /// A large weight (a matrix or kernel) in the source's residency, with the same checks.
    public func weight(_ name: String, shape: [Int]) throws -> StoredWeight {
        let weight = try source.storedWeight(named: checkedKey(name, shape: shape))
        tally?.add(weight)
        return weight
    }

    /// `prefix + name`, after checking the source has it with exactly `shape`.
    private func checkedKey(_ name: String, shape: [Int]) throws -> String {
        let key = prefix + name
        guard let found = source.shape(of: key) else {
            throw ModelError.missingTensor(key: key, origin: source.origin)
        }
        guard found == shape else {
            throw ModelError.shapeMismatch(key: key, expected: shape, found: found, origin: source.origin)
        }
        return key
    }

    public func contains(_ name: String) -> Bool { source.shape(of: prefix + name) != nil }
}
