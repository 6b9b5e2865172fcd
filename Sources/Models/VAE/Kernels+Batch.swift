// Splitting a batch into single items and joining items back, along dimension 0 (the same
// values as torch's x.split(1) and torch.cat(items)).
import Tensors

extension Kernels {
    /// `x` [N, ...] → N tensors [1, ...]; a batch of one is returned as is, without a copy.
    public static func batchItems(_ x: Tensor) -> [Tensor] {
        precondition(x.rank >= 1, "batchItems: \(x.shape) has no batch dimension")
        let batch = x.shape[0]
        if batch == 1 { return [x] }
        var itemShape = x.shape
        itemShape[0] = 1
        let size = x.count / max(batch, 1)
        return (0..<batch).map { n in
            let item = Tensor(uninitializedShape: itemShape)
            item.storage.pointer.initialize(from: x.storage.pointer + n * size, count: size)
            return item
        }
    }

    /// Items [1, ...] (or [k, ...]) of equal trailing shape → one tensor along dimension 0.
    public static func concatBatch(_ items: [Tensor]) -> Tensor {
        precondition(!items.isEmpty, "concatBatch: no tensors")
        if items.count == 1 { return items[0] }
        let trailing = Array(items[0].shape.dropFirst())
        precondition(items.allSatisfy { $0.rank >= 1 && Array($0.shape.dropFirst()) == trailing },
                     "concatBatch: shapes \(items.map(\.shape)) differ after the batch dimension")
        let result = Tensor(uninitializedShape: [items.reduce(0) { $0 + $1.shape[0] }] + trailing)
        var offset = 0
        for item in items {
            (result.storage.pointer + offset).initialize(from: item.storage.pointer, count: item.count)
            offset += item.count
        }
        return result
    }
}
