import ArgumentParser
import Tensors

struct KernelBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "GFLOP/s of the engine's kernels at SDXL sizes, as a share of the sgemm peak measured in the same run.")

    @OptionGroup var options: BenchmarkOptions

    @Option(help: "Only the kernels whose name contains this text (e.g. attention).")
    var filter: String?

    @Option(help: "Queries the attention kernels attend together (a multiple of 6).")
    var queryBlock = AttentionTiling.standard.queryBlock

    @Option(help: "Keys the attention kernels score together (a multiple of 16).")
    var keyBlock = AttentionTiling.standard.keyBlock

    func validate() throws {
        guard queryBlock > 0, queryBlock % AttentionTiling.queryMultiple == 0 else {
            throw ValidationError("--query-block \(queryBlock) is not a positive multiple of \(AttentionTiling.queryMultiple).")
        }
        guard keyBlock > 0, keyBlock % AttentionTiling.keyMultiple == 0 else {
            throw ValidationError("--key-block \(keyBlock) is not a positive multiple of \(AttentionTiling.keyMultiple).")
        }
    }

    /// A kernel call at one size, and the arithmetic it performs.
    struct Case {
        let name: String
        let flops: Double
        let run: () -> Tensor
    }

    func run() {
        let threads = options.threads ?? BLAS.processorCount
        Parallel.threadCount = threads

        let peak = GemmShape.sdxl.map { $0.flops / $0.measure(budget: options.seconds) / 1e9 }.max() ?? 1
        print("sgemm peak at SDXL shapes: \(formatted(peak)) GFLOP/s on \(threads) threads")

        var table = TextTable("kernel", "GFLOP", "ms", "GFLOP/s", "% of peak")
        let tiling = AttentionTiling(queryBlock: queryBlock, keyBlock: keyBlock)
        for kernel in Self.cases(attentionTiling: tiling) where filter.map({ kernel.name.localizedCaseInsensitiveContains($0) }) ?? true {
            let seconds = Stopwatch.bestSeconds(budget: options.seconds) { _ = kernel.run() }
            let rate = kernel.flops / seconds / 1e9
            table.append(kernel.name, formatted(kernel.flops / 1e9, digits: 2), formatted(seconds * 1e3),
                         formatted(rate), formatted(100 * rate / peak))
        }
        print(table.render())
    }

    /// Uniform values in [-scale, scale) from a fixed-seed linear congruential generator:
    /// the figures need realistic magnitudes, not good randomness.
    static func random(_ shape: [Int], scale: Float = 1) -> Tensor {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(Tensor.elementCount(shape) + 1)
        return Tensor(shape: shape, scalars: (0..<Tensor.elementCount(shape)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Float(state >> 40) / Float(1 << 23) - 1) * scale
        })
    }

    static func cases(attentionTiling tiling: AttentionTiling) -> [Case] {
        let image = random([1, 320, 128, 128])
        let convWeight = random([320, 320, 3, 3], scale: 0.05), convBias = random([320])
        let tokens = random([1, 4096, 640])
        let linearWeight = random([640, 640], scale: 0.05), linearBias = random([640])
        let context = random([1, 77, 640])
        let deepTokens = random([1, 1024, 1280])
        let middleImage = random([1, 640, 32, 32])
        let middleWeight = random([640, 640, 3, 3], scale: 0.05), middleBias = random([640])
        let gamma = random([320]), beta = random([320])
        let pixels = 128.0 * 128.0
        return [
            Case(name: "conv2d 3×3 320→320 at 128²", flops: 2 * pixels * 320 * 320 * 9) {
                Kernels.conv2d(image, weight: convWeight, bias: convBias, padding: 1)
            },
            Case(name: "conv2d 3×3 640→640 at 32²", flops: 2 * 32 * 32 * 640 * 640 * 9) {
                Kernels.conv2d(middleImage, weight: middleWeight, bias: middleBias, padding: 1)
            },
            Case(name: "conv2d 1×1 320→320 at 128²", flops: 2 * pixels * 320 * 320) {
                Kernels.conv2d(image, weight: random1x1, bias: convBias)
            },
            Case(name: "linear 4096×640 → 640", flops: 2 * 4096 * 640 * 640) {
                Kernels.linear(tokens, weight: linearWeight, bias: linearBias)
            },
            Case(name: "self-attention 4096 tokens, 10×64", flops: 4 * 4096 * 4096 * 640) {
                Kernels.attention(query: tokens, key: tokens, value: tokens, heads: 10, tiling: tiling)
            },
            Case(name: "self-attention 1024 tokens, 20×64", flops: 4 * 1024 * 1024 * 1280) {
                Kernels.attention(query: deepTokens, key: deepTokens, value: deepTokens, heads: 20, tiling: tiling)
            },
            Case(name: "cross-attention 4096 × 77, 10×64", flops: 4 * 4096 * 77 * 640) {
                Kernels.attention(query: tokens, key: context, value: context, heads: 10, tiling: tiling)
            },
            Case(name: "group norm + SiLU 320ch at 128²", flops: 8 * pixels * 320) {
                Kernels.groupNorm(image, groups: 32, weight: gamma, bias: beta, epsilon: 1e-5, fusingSiLU: true)
            },
        ]
    }

    static let random1x1 = random([320, 320, 1, 1], scale: 0.05)
}
