import SafeTensors
import Tensors

/// Weights read from safetensors: one file or a sharded set, lazily, converted to Float32.
public struct SafeTensorsWeights: WeightSource {
    public let source: any TensorSource
    public let origin: String
    public let residency: WeightResidency

    public init(_ source: any TensorSource, origin: String, residency: WeightResidency = .float32) {
        self.source = source
        self.origin = origin
        self.residency = residency
    }

    /// Opens `path`: a `.safetensors` file or a `.safetensors.index.json` of shards.
    public init(path: String, residency: WeightResidency = .float32) throws {
        if path.hasSuffix(".index.json") {
            self.init(try SafeTensorsCollection(indexPath: path), origin: path, residency: residency)
        } else {
            self.init(try SafeTensorsFile(path: path), origin: path, residency: residency)
        }
    }

    public var names: [String] { source.floatTensorNames }

    public func shape(of name: String) -> [Int]? {
        guard let info = source.info(named: name), info.dtype.isLoadableAsFloat else { return nil }
        return info.shape
    }

    public func storedType(of name: String) -> String? {
        source.info(named: name)?.dtype.rawValue
    }

    public func tensor(named name: String) throws -> Tensor {
        try source.tensor(named: name)
    }

    public func storedWeight(named name: String) throws -> StoredWeight {
        if residency == .halfPrecision, let info = source.info(named: name),
           info.dtype == .float16 || info.dtype == .bfloat16 {
            return .half(try source.rawTensor(named: name), shape: info.shape)
        }
        return .float(try tensor(named: name))
    }
}
