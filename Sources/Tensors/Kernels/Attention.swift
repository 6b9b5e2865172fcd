// Multi-head scaled dot-product attention, as torch.nn.functional.scaled_dot_product_attention
// applied to heads split from the channel dimension (diffusers' AttnProcessor2_0 layout).

extension Kernels {
    /// Floats of score matrix allowed at once; longer sequences are processed in query chunks.
    public static let attentionScoreBudget = 4 << 20

    /// `query` [B, Tq, H·D], `key` and `value` [B, Tk, H·D] → [B, Tq, H·D].
    /// Head h uses channels h·D ..< (h+1)·D. With `causal`, query i sees keys 0...i (CLIP's mask).
    public static func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                 causal: Bool = false,
                                 scoreBudget: Int = attentionScoreBudget) -> Tensor {
        precondition(query.rank == 3 && key.rank == 3 && value.rank == 3,
                     "attention: query \(query.shape), key \(key.shape), value \(value.shape) must be [B, T, C]")
        let batch = query.shape[0], queries = query.shape[1], channels = query.shape[2]
        let keys = key.shape[1]
        precondition(key.shape[0] == batch && value.shape == key.shape && key.shape[2] == channels,
                     "attention: query \(query.shape), key \(key.shape), value \(value.shape) disagree")
        precondition(heads > 0 && channels % heads == 0, "attention: \(channels) channels into \(heads) heads")
        let headWidth = channels / heads
        let scale = 1 / Float(headWidth).squareRoot()
        let jobs = batch * heads
        FLOPCounter.add(4 * jobs * queries * keys * headWidth)
        let threads = max(1, min(Parallel.threadCount, jobs))
        let chunkRows = max(1, min(queries, scoreBudget / threads / max(keys, 1)))
        let result = Tensor(uninitializedShape: query.shape)
        let q = query.storage.pointer, k = key.storage.pointer, v = value.storage.pointer
        let out = result.storage.pointer

        // One (batch, head) pair per job, each on one thread with its own score buffer, so the
        // scores of a chunk stay in that core's cache between the two products and the softmax.
        Parallel.forEachChunk(jobs, grain: 1) { range in
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: chunkRows * keys)
            defer { scores.deallocate() }
            for job in range {
                let b = job / heads, h = job % heads
                let offset = b * queries * channels + h * headWidth
                let kvOffset = b * keys * channels + h * headWidth
                var first = 0
                while first < queries {
                    let rows = min(chunkRows, queries - first)
                    // S = scale · Q·Kᵀ  [rows, Tk]
                    BLAS.serialSgemm(transposeB: true, m: rows, n: keys, k: headWidth, alpha: scale,
                                     a: q + offset + first * channels, lda: channels,
                                     b: k + kvOffset, ldb: channels,
                                     c: scores, ldc: keys)
                    if causal { maskFuture(scores, firstQuery: first, rows: rows, keys: keys) }
                    for row in 0..<rows { softmaxRowInPlace(scores + row * keys, width: keys) }
                    // O = S·V  [rows, D], written into the head's channels.
                    BLAS.serialSgemm(m: rows, n: headWidth, k: keys,
                                     a: scores, lda: keys,
                                     b: v + kvOffset, ldb: channels,
                                     c: out + offset + first * channels, ldc: channels)
                    first += rows
                }
            }
        }
        return result
    }

    private static func maskFuture(_ scores: UnsafeMutablePointer<Float>, firstQuery: Int, rows: Int, keys: Int) {
        for r in 0..<rows {
            let visible = firstQuery + r + 1
            if visible < keys {
                (scores + r * keys + visible).update(repeating: -.infinity, count: keys - visible)
            }
        }
    }
}
