import Tensors

/// A view of another weight source under diffusers' names, for single-file checkpoints:
/// each name maps to a source key and a transform (see `StabilityKeyMap`).
public struct RemappedWeights: WeightSource {
    public let base: any WeightSource
    public let entries: [String: MappedKey]

    public init(base: any WeightSource, entries: [MappedKey]) {
        self.base = base
        self.entries = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var names: [String] { entries.keys.sorted() }
    public var origin: String { base.origin }

    public func shape(of name: String) -> [Int]? {
        guard let entry = entries[name], let shape = base.shape(of: entry.source) else { return nil }
        switch entry.transform {
        case .identity:
            return shape
        case .squeezeConvolution:
            return shape.count == 4 && shape[2] == 1 && shape[3] == 1 ? [shape[0], shape[1]] : shape
        case .transpose:
            return shape.count == 2 ? [shape[1], shape[0]] : shape
        case let .rowBlock(_, count):
            guard let rows = shape.first, rows % count == 0 else { return shape }
            return [rows / count] + shape.dropFirst()
        }
    }

    /// Renamed and reshaped weights stay in the source's form; transposed and sliced ones are
    /// materialised (they are small: OpenCLIP's projections).
    public func storedWeight(named name: String) throws -> StoredWeight {
        guard let entry = entries[name], let shape = shape(of: name) else {
            throw ModelError.missingTensor(key: name, origin: origin)
        }
        switch entry.transform {
        case .identity, .squeezeConvolution:
            switch try base.storedWeight(named: entry.source) {
            case .float(let tensor): return .float(tensor.reshaped(shape))
            case .half(let raw, _): return .half(raw, shape: shape)
            }
        case .transpose, .rowBlock:
            return .float(try tensor(named: name))
        }
    }

    public func storedType(of name: String) -> String? {
        entries[name].flatMap { base.storedType(of: $0.source) }
    }

    public func tensor(named name: String) throws -> Tensor {
        guard let entry = entries[name], let shape = shape(of: name) else {
            throw ModelError.missingTensor(key: name, origin: origin)
        }
        let source = try base.tensor(named: entry.source)
        switch entry.transform {
        case .identity, .squeezeConvolution:
            return source.reshaped(shape)
        case .transpose:
            return Kernels.transposeLastTwo(source)
        case let .rowBlock(index, _):
            let block = Tensor.elementCount(shape)
            let result = Tensor(uninitializedShape: shape)
            result.storage.pointer.update(from: source.storage.pointer + index * block, count: block)
            return result
        }
    }
}
