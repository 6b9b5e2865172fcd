// The operands of the fused attention, rearranged once per call so that the tile product reads
// them contiguously: keys as panels of 16 keys laid out depth by depth, values as rows of the
// padded head width. The padding is zeros, so it adds nothing to any score or output.

/// How [B, T, H·D] tensors split into heads, and the head width the tiles work in.
struct AttentionHeads {
    let batch, heads, width, channels: Int
    /// `width` rounded up to whole tile columns.
    let paddedWidth: Int

    init(batch: Int, heads: Int, channels: Int) {
        (self.batch, self.heads, self.channels) = (batch, heads, channels)
        width = channels / heads
        paddedWidth = roundedUp(width, to: TileProduct.columns)
    }

    /// (batch, head) pairs; each is attended on its own.
    var count: Int { batch * heads }

    /// Where pair `index`'s first value sits in a [B, T, C] tensor of `tokens` rows.
    func offset(of index: Int, tokens: Int) -> Int {
        (index / heads) * tokens * channels + (index % heads) * width
    }
}

/// Every head's keys as panels: panel p holds, for each depth d, the 16 values of keys 16p ..< 16p+16.
struct PackedKeys {
    let tensor: Tensor
    let panelsPerHead: Int
    let depth: Int

    init(_ key: Tensor, heads: AttentionHeads) {
        let keys = key.shape[1]
        panelsPerHead = roundedUp(keys, to: TileProduct.columns) / TileProduct.columns
        depth = heads.paddedWidth
        let panelFloats = depth * TileProduct.columns
        let shape = [heads.count, panelsPerHead, depth, TileProduct.columns]
        let padded = keys % TileProduct.columns != 0 || heads.paddedWidth != heads.width
        tensor = padded ? Tensor(zeros: shape) : Tensor(uninitializedShape: shape)
        let source = key.storage.pointer, packed = tensor.storage.pointer
        let (panels, width, channels) = (panelsPerHead, heads.width, heads.channels)
        Parallel.forEach(heads.count, costPerItem: keys * width) { index in
            let head = source + heads.offset(of: index, tokens: keys)
            let destination = packed + index * panels * panelFloats
            for j in 0..<keys {
                let panel = destination + (j / TileProduct.columns) * panelFloats + j % TileProduct.columns
                let row = head + j * channels
                for d in 0..<width { panel[d * TileProduct.columns] = row[d] }
            }
        }
    }

    /// The panel holding keys `16 · index ..< 16 · index + 16` of pair `head`.
    func panel(_ index: Int, head: Int) -> UnsafePointer<Float> {
        UnsafePointer(tensor.storage.pointer + (head * panelsPerHead + index) * depth * TileProduct.columns)
    }
}

/// Every head's values as rows of the padded head width.
struct PackedValues {
    let tensor: Tensor
    let rowsPerHead: Int
    let width: Int

    init(_ value: Tensor, heads: AttentionHeads) {
        rowsPerHead = value.shape[1]
        width = heads.paddedWidth
        let shape = [heads.count, rowsPerHead, width]
        tensor = width != heads.width ? Tensor(zeros: shape) : Tensor(uninitializedShape: shape)
        let source = value.storage.pointer, packed = tensor.storage.pointer
        let (rows, padded, channels) = (rowsPerHead, width, heads.channels)
        Parallel.forEach(heads.count, costPerItem: rows * padded) { index in
            let head = source + heads.offset(of: index, tokens: rows)
            let destination = packed + index * rows * padded
            for j in 0..<rows {
                (destination + j * padded).update(from: head + j * channels, count: heads.width)
            }
        }
    }

    /// Row `key` of pair `head`; the following rows follow it contiguously.
    func row(_ key: Int, head: Int) -> UnsafePointer<Float> {
        UnsafePointer(tensor.storage.pointer + (head * rowsPerHead + key) * width)
    }
}

@inline(__always)
func roundedUp(_ value: Int, to multiple: Int) -> Int {
    (value + multiple - 1) / multiple * multiple
}
