// Weight sources that wrap real ones for tests: one that counts reads (to prove that a refused
// config touches no weight), one that reports a different shape for one tensor.
import Foundation
import Models
import Tensors

/// Forwards to `base` and counts every request for names, shapes and tensors.
final class CountingWeights: WeightSource, @unchecked Sendable {
    let base: any WeightSource
    private let lock = NSLock()
    private var requests = 0

    init(_ base: any WeightSource) { self.base = base }

    var origin: String { base.origin }
    var names: [String] { count { base.names } }
    func shape(of name: String) -> [Int]? { count { base.shape(of: name) } }
    func tensor(named name: String) throws -> Tensor { try count { try base.tensor(named: name) } }

    var requestCount: Int { lock.withLock { requests } }

    private func count<T>(_ body: () throws -> T) rethrows -> T {
        lock.withLock { requests += 1 }
        return try body()
    }
}

/// `base`, except that tensor `key` claims the shape `shape`.
struct MisshapenWeights: WeightSource {
    let base: any WeightSource
    let key: String
    let shape: [Int]

    var origin: String { base.origin }
    var names: [String] { base.names }
    func shape(of name: String) -> [Int]? { name == key ? shape : base.shape(of: name) }
    func tensor(named name: String) throws -> Tensor {
        let tensor = try base.tensor(named: name)
        return name == key ? Tensor(zeros: shape) : tensor
    }
}
