import ArgumentParser
import Tensors

/// A matrix product shape that SDXL's UNet performs, with where it comes from.
struct GemmShape {
    let name: String
    let m: Int, n: Int, k: Int
    var transposeB = false
    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }

    /// The shapes of a 1024² generation (128² latent): linear layers at 64² and 32² tokens,
    /// a 3×3 convolution as im2col, and attention's two products.
    static let sdxl: [GemmShape] = [
        GemmShape(name: "linear 4096×640 → 640", m: 4096, n: 640, k: 640, transposeB: true),
        GemmShape(name: "GEGLU in 4096×640 → 5120", m: 4096, n: 5120, k: 640, transposeB: true),
        GemmShape(name: "FF out 4096×2560 → 640", m: 4096, n: 640, k: 2560, transposeB: true),
        GemmShape(name: "linear 1024×1280 → 1280", m: 1024, n: 1280, k: 1280, transposeB: true),
        GemmShape(name: "conv 3×3 320ch, 128² band", m: 320, n: 2816, k: 2880),
        GemmShape(name: "conv 3×3 640ch, 64²", m: 640, n: 4096, k: 5760),
        GemmShape(name: "attention QKᵀ 4096², d 64", m: 4096, n: 4096, k: 64, transposeB: true),
        GemmShape(name: "attention SV 4096, d 64", m: 4096, n: 64, k: 4096),
    ]

    /// Seconds for the best of repeated products.
    func measure(budget: Double) -> Double {
        let a = Tensor(repeating: 0.01, shape: [m * k])
        let b = Tensor(repeating: 0.02, shape: [k * n])
        let c = Tensor(zeros: [m * n])
        return Stopwatch.bestSeconds(budget: budget) {
            BLAS.sgemm(transposeB: transposeB, m: m, n: n, k: k,
                       a: a.storage.pointer, lda: k,
                       b: b.storage.pointer, ldb: transposeB ? k : n,
                       c: c.storage.pointer, ldc: n)
        }
    }
}

struct GemmBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "sgemm GFLOP/s at SDXL's shapes (OpenBLAS kernels, split across the engine's threads), on 1 thread and on all threads.")

    @OptionGroup var options: BenchmarkOptions

    func run() {
        let threads = options.threads ?? BLAS.processorCount
        print(BLAS.configuration)
        var table = TextTable("shape (M×K → N)", "GFLOP", "1 thread GFLOP/s", "\(threads) threads GFLOP/s")
        var peak = 0.0
        for shape in GemmShape.sdxl {
            Parallel.threadCount = 1
            let single = shape.flops / shape.measure(budget: options.seconds) / 1e9
            Parallel.threadCount = threads
            let multi = shape.flops / shape.measure(budget: options.seconds) / 1e9
            peak = max(peak, multi)
            table.append(shape.name, formatted(shape.flops / 1e9, digits: 2), formatted(single), formatted(multi))
        }
        print(table.render())
        print("peak: \(formatted(peak)) GFLOP/s on \(threads) threads")
    }
}
