import Tensors

/// Reads a module's parameters by their checkpoint names (`prefix` + `name`),
/// checking every shape against what the config implies.
public struct WeightLoader: Sendable {
    public let source: any WeightSource
    public let prefix: String
    /// Records the half-precision weights read through this loader and its children.
    public let mapped: MappedWeights?

    public init(_ source: any WeightSource, prefix: String = "", recordingInto mapped: MappedWeights? = nil) {
        self.source = source
        self.prefix = prefix
        self.mapped = mapped
    }

    /// The loader for a child module: `down_blocks.1` → keys `down_blocks.1.…`.
    public func child(_ name: String) -> WeightLoader {
        WeightLoader(source, prefix: prefix + name + ".", recordingInto: mapped)
    }

    public func callAsFunction(_ name: String) -> WeightLoader { child(name) }

    /// The tensor `prefix + name`, which must have exactly `shape`.
    public func tensor(_ name: String, shape: [Int]) throws -> Tensor {
        try source.tensor(named: checkedKey(name, shape: shape))
    }

    /// A large weight (a matrix or kernel) in the source's residency, with the same checks.
    public func weight(_ name: String, shape: [Int]) throws -> StoredWeight {
        let weight = try source.storedWeight(named: checkedKey(name, shape: shape))
        mapped?.record(weight)
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
