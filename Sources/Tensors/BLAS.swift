// The one door to OpenBLAS. Nothing else in the package imports CBLAS.
//
// OpenBLAS runs single-threaded here and the engine splits each product across its own
// threads. OpenBLAS's worker threads spin for a while after every call; mixed with the
// engine's threaded elementwise work (softmax, norms) that spinning took the cores away
// from the work and made attention 3× slower. With one owner of the threads nothing spins.
import CBLAS

public enum BLAS {
    /// Sets OpenBLAS to one thread, once, before the first product.
    private static let singleThreaded: Void = openblas_set_num_threads(1)

    /// C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C, row-major, with explicit leading
    /// dimensions, split across `Parallel.threadCount` threads along the longer of m and n.
    public static func sgemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let work = m * n * k
        let parts = min(Parallel.threadCount, max(1, work / 2_000_000))
        guard parts > 1 else {
            serialSgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                        a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let alongRows = m >= n
        let length = alongRows ? m : n
        // Slices are multiples of 16 rows or columns so each thread's kernel runs full tiles.
        let slice = ((length + parts - 1) / parts + 15) / 16 * 16
        Parallel.forEachChunk((length + slice - 1) / slice, grain: 1) { chunks in
            for chunk in chunks {
                let start = chunk * slice, size = min(slice, length - start)
                if alongRows {
                    serialSgemm(transposeA: transposeA, transposeB: transposeB, m: size, n: n, k: k, alpha: alpha,
                                a: transposeA ? a + start : a + start * lda, lda: lda, b: b, ldb: ldb,
                                beta: beta, c: c + start * ldc, ldc: ldc)
                } else {
                    serialSgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: size, k: k, alpha: alpha,
                                a: a, lda: lda, b: transposeB ? b + start * ldb : b + start, ldb: ldb,
                                beta: beta, c: c + start, ldc: ldc)
                }
            }
        }
    }

    /// The same product on the calling thread only, for callers that are already parallel.
    @inlinable
    public static func serialSgemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        ensureSingleThreaded()
        sdxl_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k),
                   alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    @usableFromInline
    static func ensureSingleThreaded() { _ = singleThreaded }

    /// The processors OpenBLAS sees.
    public static var processorCount: Int { Int(openblas_get_num_procs()) }

    /// The kernel family OpenBLAS chose for this processor, e.g. "Haswell", "SkylakeX", "Prescott".
    public static var coreName: String {
        guard let text = openblas_get_corename() else { return "unknown" }
        return String(cString: text)
    }

    /// OpenBLAS's build description, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64".
    public static var configuration: String {
        guard let text = openblas_get_config() else { return "OpenBLAS" }
        return String(cString: text)
    }
}
