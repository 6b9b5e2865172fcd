// Comparing our tensors with the expected ones, with the numbers a failure message needs.
import Tensors

enum TensorComparison {
    /// max |a − b| over all elements; infinity when the shapes differ.
    static func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
        guard a.shape == b.shape else { return .infinity }
        var worst: Float = 0
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                for i in 0..<x.count {
                    let difference = abs(x[i] - y[i])
                    if !(difference <= worst) { worst = difference.isNaN ? .infinity : difference }
                }
            }
        }
        return worst
    }

    /// max |a − b| / max |b|.
    static func relativeDifference(_ a: Tensor, _ b: Tensor) -> Float {
        let scale = b.withUnsafeBufferPointer { $0.reduce(Float(0)) { max($0, abs($1)) } }
        return maxDifference(a, b) / max(scale, .leastNormalMagnitude)
    }
}
