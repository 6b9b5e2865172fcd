import Testing
import Tensors

@Suite struct NormalizationTests {
    @Test(arguments: ["groups3", "groups3_silu", "per_channel", "sequence"])
    func groupNormMatchesPyTorch(_ name: String) throws {
        let fixture = try KernelFixture("group_norm")
        let x = try fixture.tensor(name, "x")
        let weight = try fixture.tensor(name, "weight"), bias = try fixture.tensor(name, "bias")
        let groups = fixture.int(name, "groups"), epsilon = fixture.float(name, "epsilon")
        let silu = fixture.bool(name, "silu")
        let expected = try fixture.tensor(name, "out")
        let fast = Kernels.groupNorm(x, groups: groups, weight: weight, bias: bias, epsilon: epsilon, fusingSiLU: silu)
        let naive = NaiveKernels.groupNorm(x, groups: groups, weight: weight, bias: bias, epsilon: epsilon, fusingSiLU: silu)
        #expect(relativeError(fast, expected) <= kernelTolerance)
        #expect(relativeError(naive, expected) <= kernelTolerance)
    }

    @Test(arguments: ["tokens", "rows"])
    func layerNormMatchesPyTorch(_ name: String) throws {
        let fixture = try KernelFixture("layer_norm")
        let x = try fixture.tensor(name, "x")
        let weight = try fixture.tensor(name, "weight"), bias = try fixture.tensor(name, "bias")
        let epsilon = fixture.float(name, "epsilon")
        let expected = try fixture.tensor(name, "out")
        #expect(relativeError(Kernels.layerNorm(x, weight: weight, bias: bias, epsilon: epsilon), expected) <= kernelTolerance)
        #expect(relativeError(NaiveKernels.layerNorm(x, weight: weight, bias: bias, epsilon: epsilon), expected) <= kernelTolerance)
    }

    @Test func softmaxMatchesPyTorch() throws {
        let fixture = try KernelFixture("softmax")
        let x = try fixture.tensor("rows", "x"), expected = try fixture.tensor("rows", "out")
        #expect(relativeError(Kernels.softmax(x), expected) <= kernelTolerance)
        #expect(relativeError(NaiveKernels.softmax(x), expected) <= kernelTolerance)
    }
}
