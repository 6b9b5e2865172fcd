// softmax over the last dimension, as torch.softmax(x, dim=-1).

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
            softmaxRowInPlace(values + row * width, width: width)
        }
    }

    /// One row, on the calling thread.
    @inline(__always)
    static func softmaxRowInPlace(_ v: UnsafeMutablePointer<Float>, width: Int) {
        let shift = FloatVector(repeating: maximum(v, count: width))
        let sum = forEachVectorSummed(v, v, count: width) { vectorExp($0 - shift) }
        let inverse = FloatVector(repeating: Float(1 / sum))
        forEachVector(v, v, count: width) { $0 * inverse }
    }

    @inline(__always)
    static func maximum(_ v: UnsafePointer<Float>, count: Int) -> Float {
        let width = FloatVector.scalarCount
        var lanes = FloatVector(repeating: -.infinity)
        var i = 0
        while i + width <= count {
            let x = UnsafeRawPointer(v + i).loadUnaligned(as: FloatVector.self)
            lanes = lanes.replacing(with: x, where: x .> lanes)
            i += width
        }
        var largest = lanes.max()
        while i < count {
            largest = max(largest, v[i])
            i += 1
        }
        return largest
    }
}
