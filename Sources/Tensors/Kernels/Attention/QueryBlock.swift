// One block of queries of one head, attended flash-style: keys are visited a block at a time and
// the softmax is kept online, as a running maximum and sum per query, so the scores of a block
// stay in the core's cache and the whole score matrix is never formed.
//
// For each key block: S = (scale·Q)·Kᵀ; each row's maximum m grows to m' = max(m, max S);
// P = exp(S − m'); the row's sum becomes sum·exp(m − m') + ΣP and its output O·exp(m − m') + P·V.
// At the end O / sum is softmax(S)·V over all keys.

/// The working memory of one thread: a query block, its scores against a key block, its
/// unnormalised output, and the running maximum and sum of each row.
struct QueryBlock {
    let rows: Int
    let keyBlock: Int
    let width: Int
    private let memory: UnsafeMutablePointer<Float>
    private let queries, scores, output, maxima, sums: UnsafeMutablePointer<Float>

    /// `rows` a multiple of the tile's rows, `keyBlock` of its columns, `width` the padded head width.
    init(rows: Int, keyBlock: Int, width: Int) {
        (self.rows, self.keyBlock, self.width) = (rows, keyBlock, width)
        let floats = [rows * width, rows * keyBlock, rows * width, rows, rows]
        memory = .allocate(capacity: floats.reduce(0, +))
        queries = memory
        scores = queries + floats[0]
        output = scores + floats[1]
        maxima = output + floats[2]
        sums = maxima + floats[3]
    }

    func deallocate() { memory.deallocate() }

    /// Attends queries `first ..< first + count` of pair `head` (count ≤ rows) to its keys and
    /// writes the result into those rows of the call's destination.
    func attend(head: Int, first: Int, count: Int, of call: AttentionCall) {
        let layout = call.layout
        let offset = layout.offset(of: head, tokens: call.queryCount) + first * layout.channels
        load(call.query + offset, count: count, stride: layout.channels, width: layout.width, scale: call.scale)
        output.update(repeating: 0, count: rows * width)
        maxima.update(repeating: -.infinity, count: rows)
        sums.update(repeating: 0, count: rows)
        let tiles = roundedUp(count, to: TileProduct.rows)
        // Causal: the block's last query sees keys up to its own position.
        let visible = call.causal ? min(call.keyCount, first + count) : call.keyCount
        var firstKey = 0
        while firstKey < visible {
            let n = min(keyBlock, visible - firstKey)
            score(against: call.keys, head: head, firstKey: firstKey, count: n, tiles: tiles)
            if call.causal { maskFuture(firstQuery: first, firstKey: firstKey, rows: count, keys: n) }
            exponentiate(rows: count, keys: n)
            accumulate(call.values.row(firstKey, head: head), ldv: call.values.width, keys: n, tiles: tiles)
            firstKey += n
        }
        store(into: call.destination + offset, count: count, stride: layout.channels, width: layout.width)
    }

    /// Q, scaled, zero-padded to whole tiles in both directions.
    private func load(_ source: UnsafePointer<Float>, count: Int, stride: Int, width headWidth: Int, scale: Float) {
        queries.update(repeating: 0, count: rows * width)
        for r in 0..<count {
            let from = source + r * stride, to = queries + r * width
            for d in 0..<headWidth { to[d] = from[d] * scale }
        }
    }

    /// S[tiles × n] = Q · Kᵀ for keys `firstKey ..< firstKey + n` (rounded up to whole panels).
    private func score(against keys: PackedKeys, head: Int, firstKey: Int, count n: Int, tiles: Int) {
        let firstPanel = firstKey / TileProduct.columns
        for p in 0..<(roundedUp(n, to: TileProduct.columns) / TileProduct.columns) {
            let panel = keys.panel(firstPanel + p, head: head)
            for r in stride(from: 0, to: tiles, by: TileProduct.rows) {
                TileProduct.multiply(a: queries + r * width, lda: width, b: panel, ldb: TileProduct.columns,
                                     depth: width, c: scores + r * keyBlock + p * TileProduct.columns,
                                     ldc: keyBlock, accumulating: false)
            }
        }
    }

    /// Hides keys after each query's own position (CLIP's causal mask).
    private func maskFuture(firstQuery: Int, firstKey: Int, rows count: Int, keys n: Int) {
        for r in 0..<count {
            let visible = max(0, firstQuery + r + 1 - firstKey)
            if visible < n { (scores + r * keyBlock + visible).update(repeating: -.infinity, count: n - visible) }
        }
    }

    /// Replaces each row's scores by exp(S − m') and rescales its sum and output to the new maximum.
    private func exponentiate(rows count: Int, keys n: Int) {
        for r in 0..<count {
            let row = scores + r * keyBlock
            let newMaximum = max(maxima[r], Kernels.maximum(row, count: n))
            guard newMaximum > -.infinity else {
                row.update(repeating: 0, count: n)   // every key so far is hidden
                continue
            }
            let shift = FloatVector(repeating: newMaximum)
            let blockSum = Float(Kernels.forEachVectorSummed(row, row, count: n) { vectorExp($0 - shift) })
            let previous = maxima[r]
            maxima[r] = newMaximum
            guard previous > -.infinity else {
                sums[r] = blockSum   // the first visible block: nothing to rescale
                continue
            }
            let factor = vectorExp(FloatVector(repeating: previous - newMaximum))
            sums[r] = sums[r] * factor[0] + blockSum
            if factor[0] != 1 {
                Kernels.forEachVector(output + r * width, output + r * width, count: width) { $0 * factor }
            }
        }
    }

    /// O += P · V for the key block's n values.
    private func accumulate(_ values: UnsafePointer<Float>, ldv: Int, keys n: Int, tiles: Int) {
        for c in stride(from: 0, to: width, by: TileProduct.columns) {
            for r in stride(from: 0, to: tiles, by: TileProduct.rows) {
                TileProduct.multiply(a: scores + r * keyBlock, lda: keyBlock, b: values + c, ldb: ldv, depth: n,
                                     c: output + r * width + c, ldc: width, accumulating: true)
            }
        }
    }

    /// O / sum, the head's width of each row.
    private func store(into destination: UnsafeMutablePointer<Float>, count: Int, stride: Int, width headWidth: Int) {
        for r in 0..<count {
            let inverse = 1 / sums[r]
            let from = output + r * width, to = destination + r * stride
            for d in 0..<headWidth { to[d] = from[d] * inverse }
        }
    }
}
