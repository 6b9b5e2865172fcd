import Testing
import Tensors

@Suite struct LinearAndConvolutionTests {
    @Test(arguments: ["batched", "matrix", "wide"])
    func linearMatchesPyTorch(_ name: String) throws {
        let fixture = try KernelFixture("linear")
        let x = try fixture.tensor(name, "x"), weight = try fixture.tensor(name, "weight")
        let bias = try fixture.optionalTensor(name, "bias")
        let expected = try fixture.tensor(name, "out")
        #expect(relativeError(Kernels.linear(x, weight: weight, bias: bias), expected) <= kernelTolerance)
        #expect(relativeError(NaiveKernels.linear(x, weight: weight, bias: bias), expected) <= kernelTolerance)
    }

    @Test(arguments: ["3x3_stride1", "3x3_stride2", "3x3_stride2_odd", "1x1", "3x3_no_padding", "3x3_tiny_image"])
    func conv2dMatchesPyTorch(_ name: String) throws {
        let fixture = try KernelFixture("conv2d")
        let x = try fixture.tensor(name, "x"), weight = try fixture.tensor(name, "weight")
        let bias = try fixture.optionalTensor(name, "bias")
        let stride = fixture.int(name, "stride"), padding = fixture.int(name, "padding")
        let expected = try fixture.tensor(name, "out")
        let fast = Kernels.conv2d(x, weight: weight, bias: bias, stride: stride, padding: padding)
        let naive = NaiveKernels.conv2d(x, weight: weight, bias: bias, stride: stride, padding: padding)
        #expect(fast.shape == expected.shape)
        #expect(relativeError(fast, expected) <= kernelTolerance)
        #expect(relativeError(naive, expected) <= kernelTolerance)
    }

    /// Large enough that im2col runs in several bands and the work is split across threads.
    @Test func conv2dInBandsMatchesNaive() {
        let x = randomTensor([2, 6, 33, 17], seed: 1)
        let weight = randomTensor([10, 6, 3, 3], seed: 2), bias = randomTensor([10], seed: 3)
        let banded = Kernels.conv2d(x, weight: weight, bias: bias, stride: 1, padding: 1)
        let naive = NaiveKernels.conv2d(x, weight: weight, bias: bias, stride: 1, padding: 1)
        #expect(relativeError(banded, naive) <= kernelTolerance)
    }
}

/// Deterministic values in [-1, 1) from a small linear congruential generator.
func randomTensor(_ shape: [Int], seed: UInt64) -> Tensor {
    var state = seed &* 6364136223846793005 &+ 1442695040888963407
    let values = (0..<Tensor.elementCount(shape)).map { _ -> Float in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(state >> 40) / Float(1 << 23) - 1
    }
    return Tensor(shape: shape, scalars: values)
}
