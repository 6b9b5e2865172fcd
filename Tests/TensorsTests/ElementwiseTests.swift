import Testing
import Tensors

@Suite struct ElementwiseTests {
    @Test func activationsMatchPyTorch() throws {
        let fixture = try KernelFixture("activations")
        let kernels: [(String, (Tensor) -> Tensor, (Tensor) -> Tensor)] = [
            ("silu", Kernels.silu, NaiveKernels.silu),
            ("gelu", Kernels.gelu, NaiveKernels.gelu),
            ("quick_gelu", Kernels.quickGELU, NaiveKernels.quickGELU),
            ("geglu", Kernels.geglu, NaiveKernels.geglu),
        ]
        for (name, fast, naive) in kernels {
            let x = try fixture.tensor(name, "x"), expected = try fixture.tensor(name, "out")
            #expect(relativeError(fast(x), expected) <= kernelTolerance, "\(name)")
            #expect(relativeError(naive(x), expected) <= kernelTolerance, "\(name) (naive)")
        }
    }

    @Test func upsampleMatchesPyTorch() throws {
        let fixture = try KernelFixture("resampling")
        let x = try fixture.tensor("nearest2x", "x"), expected = try fixture.tensor("nearest2x", "out")
        #expect(relativeError(Kernels.upsampleNearest2x(x), expected) == 0)
        #expect(relativeError(NaiveKernels.upsampleNearest2x(x), expected) == 0)
    }

    @Test func concatenationMatchesPyTorch() throws {
        let fixture = try KernelFixture("concat")
        let parts = try ["a", "b", "c"].map { try fixture.tensor("three", $0) }
        let expected = try fixture.tensor("three", "out")
        #expect(relativeError(Kernels.concatChannels(parts), expected) == 0)
        #expect(relativeError(NaiveKernels.concatChannels(parts), expected) == 0)
    }

    @Test(arguments: ["unet", "odd_dim", "no_flip", "time_ids", "sizes"])
    func timestepEmbeddingMatchesDiffusers(_ name: String) throws {
        let fixture = try KernelFixture("timestep_embedding")
        let timesteps = try fixture.tensor(name, "timesteps").scalars
        let expected = try fixture.tensor(name, "out")
        let dimension = fixture.int(name, "dimension"), flip = fixture.bool(name, "flip_sin_to_cos")
        let shift = fixture.float(name, "downscale_freq_shift")
        let fast = Kernels.timestepEmbedding(timesteps, dimension: dimension, flipSinToCos: flip, downscaleFrequencyShift: shift)
        let naive = NaiveKernels.timestepEmbedding(timesteps, dimension: dimension, flipSinToCos: flip, downscaleFrequencyShift: shift)
        // PyTorch's vectorised exp is within an ulp of the correctly rounded frequencies but not
        // always equal to them, and an ulp of the frequency moves the phase t·f by t ulps. So the
        // bound grows with the largest timestep: 1e-5 at t ≤ 80, 2.4e-4 at the 1024 of a size id.
        let tolerance = max(kernelTolerance, 2 * (timesteps.max() ?? 0) * Float.ulpOfOne)
        #expect(relativeError(fast, expected) <= tolerance)
        #expect(relativeError(naive, expected) <= tolerance)
    }

    @Test func arithmetic() {
        let a = randomTensor([2, 3, 5], seed: 4), b = randomTensor([2, 3, 5], seed: 5)
        let sum = Kernels.add(a, b), scaled = Kernels.scale(a, by: -2.5), axpy = Kernels.add(a, b, scaledBy: 0.25)
        for i in 0..<a.count {
            #expect(sum[flat: i] == a[flat: i] + b[flat: i])
            #expect(scaled[flat: i] == a[flat: i] * -2.5)
            #expect(axpy[flat: i] == a[flat: i] + 0.25 * b[flat: i])
        }
        let perChannel = randomTensor([2, 3], seed: 6)
        let broadcast = Kernels.addPerChannel(a, perChannel)
        for i in 0..<a.count { #expect(broadcast[flat: i] == a[flat: i] + perChannel[flat: i / 5]) }
    }

    /// Large enough to be split across threads.
    @Test func parallelElementwiseMatchesSerial() {
        let x = randomTensor([3, 50_000], seed: 7)
        let fast = Kernels.silu(x), naive = NaiveKernels.silu(x)
        #expect(relativeError(fast, naive) <= kernelTolerance)
    }
}
