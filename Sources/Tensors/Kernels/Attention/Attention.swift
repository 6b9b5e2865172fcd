// Multi-head scaled dot-product attention, as torch.nn.functional.scaled_dot_product_attention
// applied to heads split from the channel dimension (diffusers' AttnProcessor2_0 layout).
//
// Fused and flash-style (see QueryBlock): the work is split into blocks of queries of one head,
// each attended to the head's keys a block at a time on one thread, so neither the score matrix
// nor a GEMM library's packing of its operands is ever needed.

/// Block sizes of the fused attention.
public struct AttentionTiling: Sendable {
    /// Queries attended together; a multiple of 6 (the tile's rows).
    public let queryBlock: Int
    /// Keys scored together; a multiple of 16 (the tile's columns).
    public let keyBlock: Int

    /// What `queryBlock` must be a multiple of.
    public static let queryMultiple = TileProduct.rows
    /// What `keyBlock` must be a multiple of.
    public static let keyMultiple = TileProduct.columns

    public init(queryBlock: Int, keyBlock: Int) {
        precondition(queryBlock > 0 && queryBlock % Self.queryMultiple == 0,
                     "attention: query block \(queryBlock) is not a positive multiple of \(Self.queryMultiple)")
        precondition(keyBlock > 0 && keyBlock % Self.keyMultiple == 0,
                     "attention: key block \(keyBlock) is not a positive multiple of \(Self.keyMultiple)")
        (self.queryBlock, self.keyBlock) = (queryBlock, keyBlock)
    }

    /// A block's scores (48 × 256 floats) and a head's key panel stay in a core's L2 cache.
    public static let standard = AttentionTiling(queryBlock: 48, keyBlock: 256)
}

extension Kernels {
    /// `query` [B, Tq, H·D], `key` and `value` [B, Tk, H·D] → [B, Tq, H·D].
    /// Head h uses channels h·D ..< (h+1)·D. With `causal`, query i sees keys 0...i (CLIP's mask).
    public static func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                 causal: Bool = false, tiling: AttentionTiling = .standard) -> Tensor {
        precondition(query.rank == 3 && key.rank == 3 && value.rank == 3,
                     "attention: query \(query.shape), key \(key.shape), value \(value.shape) must be [B, T, C]")
        let batch = query.shape[0], queries = query.shape[1], channels = query.shape[2]
        let keyCount = key.shape[1]
        precondition(key.shape[0] == batch && value.shape == key.shape && key.shape[2] == channels,
                     "attention: query \(query.shape), key \(key.shape), value \(value.shape) disagree")
        precondition(heads > 0 && channels % heads == 0, "attention: \(channels) channels into \(heads) heads")
        precondition(keyCount > 0 || queries == 0, "attention: \(queries) queries and no keys")
        let layout = AttentionHeads(batch: batch, heads: heads, channels: channels)
        FLOPCounter.add(4 * layout.count * queries * keyCount * layout.width)
        let result = Tensor(uninitializedShape: query.shape)
        guard queries > 0 else { return result }

        let call = AttentionCall(query: query.storage.pointer, queryCount: queries,
                                 keys: PackedKeys(key, heads: layout), values: PackedValues(value, heads: layout),
                                 keyCount: keyCount, layout: layout, scale: 1 / Float(layout.width).squareRoot(),
                                 causal: causal, destination: result.storage.pointer)
        let blockRows = min(tiling.queryBlock, roundedUp(queries, to: TileProduct.rows))
        let blocksPerHead = (queries + blockRows - 1) / blockRows
        // Items run head by head, so consecutive items on a thread share a head's keys and values.
        Parallel.forEachChunk(layout.count * blocksPerHead, grain: 1) { items in
            let block = QueryBlock(rows: blockRows, keyBlock: tiling.keyBlock, width: layout.paddedWidth)
            defer { block.deallocate() }
            for item in items {
                let first = (item % blocksPerHead) * blockRows
                block.attend(head: item / blocksPerHead, first: first, count: min(blockRows, queries - first), of: call)
            }
        }
        return result
    }
}

/// What every query block of one attention call reads, and where it writes.
struct AttentionCall {
    let query: UnsafeMutablePointer<Float>
    let queryCount: Int
    let keys: PackedKeys
    let values: PackedValues
    let keyCount: Int
    let layout: AttentionHeads
    let scale: Float
    let causal: Bool
    /// A [B, Tq, C] tensor like the query; each block writes its own rows.
    let destination: UnsafeMutablePointer<Float>
}
