// Data movement: transposes between image and token layouts, row gathers, zero padding.

extension Kernels {
    /// `x` [B, M, N] → [B, N, M]. With M = C and N = H·W this turns NCHW images into
    /// [B, tokens, C] sequences for attention, and back.
    public static func transposeLastTwo(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 2, "transposeLastTwo: input \(x.shape) needs two dimensions")
        let m = x.shape[x.rank - 2], n = x.shape[x.rank - 1]
        let batch = x.count / max(m * n, 1)
        var shape = x.shape
        shape.swapAt(x.rank - 2, x.rank - 1)
        let result = Tensor(uninitializedShape: shape)
        let source = x.storage.pointer, destination = result.storage.pointer
        let tile = 32
        let rowTiles = (m + tile - 1) / tile
        Parallel.forEach(batch * rowTiles, costPerItem: tile * n) { job in
            let b = job / rowTiles, i0 = (job % rowTiles) * tile
            let from = source + b * m * n, to = destination + b * m * n
            var j0 = 0
            while j0 < n {
                for i in i0..<min(i0 + tile, m) {
                    for j in j0..<min(j0 + tile, n) { to[j * m + i] = from[i * n + j] }
                }
                j0 += tile
            }
        }
        return result
    }

    /// Rows of `table` [V, D] at `indices` → [indices.count, D] (an embedding lookup).
    public static func gatherRows(_ table: Tensor, indices: [Int]) -> Tensor {
        precondition(table.rank == 2, "gatherRows: table \(table.shape) must be [V, D]")
        let width = table.shape[1]
        let result = Tensor(uninitializedShape: [indices.count, width])
        for (row, index) in indices.enumerated() {
            precondition(index >= 0 && index < table.shape[0], "gatherRows: index \(index) outside table \(table.shape)")
            (result.storage.pointer + row * width).update(from: table.storage.pointer + index * width, count: width)
        }
        return result
    }

    /// `x` [N, C, H, W] with zero rows added below and zero columns to the right
    /// (the VAE encoder's asymmetric padding before a stride-2 convolution).
    public static func zeroPad(_ x: Tensor, bottom: Int, right: Int) -> Tensor {
        precondition(x.rank == 4 && bottom >= 0 && right >= 0, "zeroPad: input \(x.shape)")
        let height = x.shape[2], width = x.shape[3]
        let newHeight = height + bottom, newWidth = width + right
        let result = Tensor(zeros: [x.shape[0], x.shape[1], newHeight, newWidth])
        let source = x.storage.pointer, destination = result.storage.pointer
        Parallel.forEach(x.shape[0] * x.shape[1], costPerItem: newHeight * newWidth) { plane in
            for y in 0..<height {
                (destination + (plane * newHeight + y) * newWidth)
                    .update(from: source + (plane * height + y) * width, count: width)
            }
        }
        return result
    }
}
