// softmax over the last dimension, as torch.softmax(x, dim=-1).
import Foundation

extension Kernels {
    public static func softmax(_ x: Tensor) -> Tensor {
        let width = x.shape.last ?? 0
        let result = x.copy()
        softmaxRowsInPlace(result.storage.pointer, rows: x.count / max(width, 1), width: width)
        return result
    }

    /// Replaces each row of `rows × width` values by its softmax.
    static func softmaxRowsInPlace(_ values: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        Parallel.forEach(rows, costPerItem: width * 4) { row in
            let v = values + row * width
            var largest = -Float.infinity
            for i in 0..<width { largest = max(largest, v[i]) }
            var sum: Float = 0
            for i in 0..<width {
                let e = expf(v[i] - largest)
                v[i] = e
                sum += e
            }
            let inverse = 1 / sum
            for i in 0..<width { v[i] *= inverse }
        }
    }
}
