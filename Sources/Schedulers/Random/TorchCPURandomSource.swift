// torch.randn on a CPU generator, bit for bit: torch.Generator("cpu").manual_seed(seed) followed by
// torch.randn(shape, generator=g, dtype=torch.float32), as in diffusers' randn_tensor.
// Ported from torch 2.15: ATen/CPUGeneratorImpl (random, random64, cached normal),
// ATen/core/DistributionsHelper.h + TransformationHelper.h (uniform, normal) and
// ATen/native/cpu/DistributionTemplates.h (normal_kernel, normal_fill).
//
// Two paths, chosen by the size of one draw:
// - fewer than 16 values: one double-precision Box–Muller pair per two values; the second value of
//   a pair is cached in the generator and returned by the next small draw, even across calls;
// - 16 or more: every value first gets a 24-bit uniform float, then Box–Muller runs on blocks of
//   16 (8 pairs: u1 = first half, u2 = second half); when the size is not a multiple of 16 the
//   last 16 positions are refilled with fresh uniforms and transformed again.
import Foundation

public struct TorchCPURandomSource: RandomSource, Sendable {
    /// The seed as given to `manual_seed` (torch keeps only its low 32 bits for the state).
    public let seed: UInt64
    /// Which of torch's float Box–Muller builds to reproduce.
    public let kernel: TorchBoxMullerKernel

    private var engine: MersenneTwister19937
    private var cachedNormal: Double?

    public init(seed: UInt64, kernel: TorchBoxMullerKernel = .platformDefault) {
        self.seed = seed
        self.kernel = kernel
        engine = MersenneTwister19937(seed: seed)
        cachedNormal = nil
    }

    public mutating func fillStandardNormal(_ buffer: UnsafeMutableBufferPointer<Float>) {
        let count = buffer.count
        guard count > 0, let base = buffer.baseAddress else { return }
        if count < 16 {
            for i in 0..<count { base[i] = Float(nextDoubleNormal()) }
            return
        }
        for i in 0..<count { base[i] = nextUniformFloat() }
        var start = 0
        while start < count - 15 {
            kernel.transform16(base + start)
            start += 16
        }
        if count % 16 != 0 {
            let tail = base + (count - 16)
            for i in 0..<16 { tail[i] = nextUniformFloat() }
            kernel.transform16(tail)
        }
    }

    // MARK: - Generator primitives

    /// `random()`: one 32-bit engine output.
    public mutating func nextUInt32() -> UInt32 { engine.next() }

    /// `random64()`: two engine outputs, the first one as the high word.
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(engine.next())
        let low = UInt64(engine.next())
        return (high << 32) | low
    }

    /// `uniform_real_distribution<float>(0, 1)`: the low 24 bits of `random()` times 2^-24.
    mutating func nextUniformFloat() -> Float {
        Float(nextUInt32() & 0x00ff_ffff) * (1.0 / 16_777_216.0)
    }

    /// `uniform_real_distribution<double>(0, 1)`: the low 53 bits of `random64()` times 2^-53.
    mutating func nextUniformDouble() -> Double {
        Double(nextUInt64() & 0x001f_ffff_ffff_ffff) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `normal_distribution<double>(0, 1)` with the generator's cached second sample. The final
    /// `* 1 + 0` is torch's `value * std + mean`, which turns -0 into +0.
    mutating func nextDoubleNormal() -> Double {
        if let cached = cachedNormal {
            cachedNormal = nil
            return cached * 1 + 0
        }
        let u1 = nextUniformDouble()
        let u2 = nextUniformDouble()
        let radius = (-2.0 * log1p(-u2)).squareRoot()
        let theta = 2.0 * Double.pi * u1
        cachedNormal = radius * sin(theta)
        return radius * cos(theta) * 1 + 0
    }
}
