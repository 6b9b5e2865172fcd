import Testing
import Tensors

@Suite struct AttentionTests {
    static let fixtureCases = ["cross", "self", "causal", "sdxl_self", "sdxl_cross", "clip_causal", "vae"]

    @Test(arguments: fixtureCases)
    func attentionMatchesPyTorch(_ name: String) throws {
        let fixture = try KernelFixture("attention")
        let q = try fixture.tensor(name, "query"), k = try fixture.tensor(name, "key"), v = try fixture.tensor(name, "value")
        let heads = fixture.int(name, "heads"), causal = fixture.bool(name, "causal")
        let expected = try fixture.tensor(name, "out")
        #expect(relativeError(Kernels.attention(query: q, key: k, value: v, heads: heads, causal: causal), expected) <= kernelTolerance)
        #expect(relativeError(NaiveKernels.attention(query: q, key: k, value: v, heads: heads, causal: causal), expected) <= kernelTolerance)
    }

    /// Small blocks split queries and keys into many blocks, so the online softmax rescales its
    /// running sums many times and causal blocks start part-hidden; the result must not change.
    @Test(arguments: [(6, 16), (12, 32), (6, 64)])
    func smallBlocksMatchPyTorch(queryBlock: Int, keyBlock: Int) throws {
        let fixture = try KernelFixture("attention")
        let tiling = AttentionTiling(queryBlock: queryBlock, keyBlock: keyBlock)
        for name in Self.fixtureCases {
            let q = try fixture.tensor(name, "query"), k = try fixture.tensor(name, "key"), v = try fixture.tensor(name, "value")
            let heads = fixture.int(name, "heads"), causal = fixture.bool(name, "causal")
            let blocked = Kernels.attention(query: q, key: k, value: v, heads: heads, causal: causal, tiling: tiling)
            #expect(relativeError(blocked, try fixture.tensor(name, "out")) <= kernelTolerance, "\(name)")
        }
    }

    /// Keys in whole panels and heads of a whole tile width need no padding: the packed operands
    /// are then written without being zeroed first.
    @Test func unpaddedOperandsMatchTheReference() {
        var state: UInt32 = 777
        func next() -> Float {
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(state >> 8) / Float(1 << 24) * 2 - 1
        }
        let shape = [2, 64, 128]
        let count = shape.reduce(1, *)
        let q = Tensor(shape: shape, scalars: (0..<count).map { _ in next() })
        let k = Tensor(shape: shape, scalars: (0..<count).map { _ in next() })
        let v = Tensor(shape: shape, scalars: (0..<count).map { _ in next() })
        let expected = NaiveKernels.attention(query: q, key: k, value: v, heads: 2)
        let tiling = AttentionTiling(queryBlock: 12, keyBlock: 32)
        #expect(relativeError(Kernels.attention(query: q, key: k, value: v, heads: 2, tiling: tiling), expected) <= kernelTolerance)
    }

    /// Scores far apart in size: a later key block holds a much larger maximum than the first, so
    /// the earlier blocks' contributions are scaled down by tiny factors, and some rows are dominated
    /// by one key. Checked against the double-precision reference kernel.
    @Test func largeScoresStayExact() {
        let heads = 2, width = 64, tokens = 100
        var state: UInt32 = 12345
        func next() -> Float {
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(state >> 8) / Float(1 << 24) * 2 - 1
        }
        let q = Tensor(shape: [1, tokens, heads * width], scalars: (0..<(tokens * heads * width)).map { _ in 4 * next() })
        let k = Tensor(shape: [1, tokens, heads * width], scalars: (0..<(tokens * heads * width)).map { i in
            (i / (heads * width)) >= 80 ? 6 * next() : next()
        })
        let v = Tensor(shape: [1, tokens, heads * width], scalars: (0..<(tokens * heads * width)).map { _ in next() })
        let expected = NaiveKernels.attention(query: q, key: k, value: v, heads: heads)
        let tiling = AttentionTiling(queryBlock: 12, keyBlock: 32)
        #expect(relativeError(Kernels.attention(query: q, key: k, value: v, heads: heads, tiling: tiling), expected) <= kernelTolerance)
    }
}
