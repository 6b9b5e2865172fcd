// A weight source held in memory, for tests that need exact control over names and shapes.
import Foundation
import Models
import Tensors

final class InMemoryWeights: WeightSource, @unchecked Sendable {
    let tensors: [String: Tensor]
    let origin: String
    private let lock = NSLock()
    private var reads = 0

    init(_ tensors: [String: Tensor], origin: String = "in-memory weights") {
        self.tensors = tensors
        self.origin = origin
    }

    var names: [String] { tensors.keys.sorted() }

    func shape(of name: String) -> [Int]? { tensors[name]?.shape }

    func tensor(named name: String) throws -> Tensor {
        lock.withLock { reads += 1 }
        guard let tensor = tensors[name] else { throw ModelError.missingTensor(key: name, origin: origin) }
        return tensor
    }

    /// How many tensors were read so far.
    var readCount: Int { lock.withLock { reads } }

    /// The same tensors under the names `rename` gives.
    func renamed(_ rename: (String) -> String) -> InMemoryWeights {
        InMemoryWeights(Dictionary(uniqueKeysWithValues: tensors.map { (rename($0.key), $0.value) }), origin: origin)
    }
}
