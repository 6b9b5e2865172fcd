// The register-blocked product at the heart of the fused attention: a 6×16 tile of C held in
// twelve AVX registers while the depth loop broadcasts one value of A per row and loads 16 values
// of B. Six rows by two vectors is the largest tile that leaves registers for its operands.

enum TileProduct {
    static let rows = 6
    static let columns = 16

    /// C[6×16] = A[6×depth] · B[depth×16], added to C when `accumulating`.
    /// A's rows are `lda` apart with unit stride along depth; B's rows (one per depth) are `ldb` apart.
    @inline(__always)
    static func multiply(a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, depth: Int,
                         c: UnsafeMutablePointer<Float>, ldc: Int, accumulating: Bool) {
        var c00 = FloatVector(), c01 = FloatVector(), c10 = FloatVector(), c11 = FloatVector()
        var c20 = FloatVector(), c21 = FloatVector(), c30 = FloatVector(), c31 = FloatVector()
        var c40 = FloatVector(), c41 = FloatVector(), c50 = FloatVector(), c51 = FloatVector()
        if accumulating {
            (c00, c01) = (load(c), load(c + 8))
            (c10, c11) = (load(c + ldc), load(c + ldc + 8))
            (c20, c21) = (load(c + 2 * ldc), load(c + 2 * ldc + 8))
            (c30, c31) = (load(c + 3 * ldc), load(c + 3 * ldc + 8))
            (c40, c41) = (load(c + 4 * ldc), load(c + 4 * ldc + 8))
            (c50, c51) = (load(c + 5 * ldc), load(c + 5 * ldc + 8))
        }
        let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda, a4 = a + 4 * lda, a5 = a + 5 * lda
        var row = b
        for k in 0..<depth {
            let b0 = load(row), b1 = load(row + 8)
            row += ldb
            var x = FloatVector(repeating: a0[k])
            c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
            x = FloatVector(repeating: a1[k])
            c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
            x = FloatVector(repeating: a2[k])
            c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
            x = FloatVector(repeating: a3[k])
            c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
            x = FloatVector(repeating: a4[k])
            c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
            x = FloatVector(repeating: a5[k])
            c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
        }
        store(c00, c); store(c01, c + 8)
        store(c10, c + ldc); store(c11, c + ldc + 8)
        store(c20, c + 2 * ldc); store(c21, c + 2 * ldc + 8)
        store(c30, c + 3 * ldc); store(c31, c + 3 * ldc + 8)
        store(c40, c + 4 * ldc); store(c41, c + 4 * ldc + 8)
        store(c50, c + 5 * ldc); store(c51, c + 5 * ldc + 8)
    }

    @inline(__always)
    private static func load(_ p: UnsafeRawPointer) -> FloatVector {
        p.loadUnaligned(as: FloatVector.self)
    }

    @inline(__always)
    private static func store(_ v: FloatVector, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: FloatVector.self)
    }
}
