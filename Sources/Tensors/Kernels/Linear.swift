// linear(x) = x·Wᵀ + b, as torch.nn.functional.linear.

extension Kernels {
    /// `x` [..., in], `weight` [out, in], `bias` [out] → [..., out].
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
        let inFeatures = x.shape.last ?? 0
        precondition(weight.rank == 2 && weight.shape[1] == inFeatures,
                     "linear: input \(x.shape) does not match weight \(weight.shape)")
        let outFeatures = weight.shape[0]
        let rows = x.count / max(inFeatures, 1)
        let result = Tensor(uninitializedShape: Array(x.shape.dropLast()) + [outFeatures])
        let out = result.storage.pointer
        if let bias {
            precondition(bias.count == outFeatures, "linear: bias \(bias.shape) for \(outFeatures) outputs")
            Parallel.forEach(rows, costPerItem: outFeatures) { row in
                (out + row * outFeatures).update(from: bias.storage.pointer, count: outFeatures)
            }
        }
        FLOPCounter.add(2 * rows * outFeatures * inFeatures)
        BLAS.sgemm(transposeB: true, m: rows, n: outFeatures, k: inFeatures,
                   a: x.storage.pointer, lda: inFeatures,
                   b: weight.storage.pointer, ldb: inFeatures,
                   beta: bias == nil ? 0 : 1,
                   c: out, ldc: outFeatures)
        return result
    }
}
