import Testing
import Tensors

@Suite struct AttentionTests {
    @Test(arguments: ["cross", "self", "causal"])
    func attentionMatchesPyTorch(_ name: String) throws {
        let fixture = try KernelFixture("attention")
        let q = try fixture.tensor(name, "query"), k = try fixture.tensor(name, "key"), v = try fixture.tensor(name, "value")
        let heads = fixture.int(name, "heads"), causal = fixture.bool(name, "causal")
        let expected = try fixture.tensor(name, "out")
        #expect(relativeError(Kernels.attention(query: q, key: k, value: v, heads: heads, causal: causal), expected) <= kernelTolerance)
        #expect(relativeError(NaiveKernels.attention(query: q, key: k, value: v, heads: heads, causal: causal), expected) <= kernelTolerance)
    }

    /// A score budget far below Tq·Tk forces many query chunks; the result must not change.
    @Test(arguments: [1, 7, 64])
    func chunkedAttentionMatchesUnchunked(budget: Int) throws {
        let fixture = try KernelFixture("attention")
        for name in ["self", "causal"] {
            let q = try fixture.tensor(name, "query"), k = try fixture.tensor(name, "key"), v = try fixture.tensor(name, "value")
            let heads = fixture.int(name, "heads"), causal = fixture.bool(name, "causal")
            let whole = Kernels.attention(query: q, key: k, value: v, heads: heads, causal: causal)
            let chunked = Kernels.attention(query: q, key: k, value: v, heads: heads, causal: causal, scoreBudget: budget)
            #expect(relativeError(chunked, whole) <= 1e-6)
        }
    }
}
