// Concatenation along the channel dimension (torch.cat(dim=1)), as the UNet's skip connections need.

extension Kernels {
    /// Tensors [N, Cᵢ, ...] with equal N and trailing dimensions → [N, ΣCᵢ, ...].
    public static func concatChannels(_ parts: [Tensor]) -> Tensor {
        guard let first = parts.first else { preconditionFailure("concatChannels: nothing to join") }
        let batch = first.shape[0], trailing = Array(first.shape.dropFirst(2))
        for part in parts {
            precondition(part.rank == first.rank && part.shape[0] == batch && Array(part.shape.dropFirst(2)) == trailing,
                         "concatChannels: \(part.shape) does not join \(first.shape)")
        }
        let totalChannels = parts.reduce(0) { $0 + $1.shape[1] }
        let result = Tensor(uninitializedShape: [batch, totalChannels] + trailing)
        let plane = Tensor.elementCount(trailing)
        var channelOffset = 0
        for part in parts {
            let block = part.shape[1] * plane
            for n in 0..<batch {
                (result.storage.pointer + (n * totalChannels + channelOffset) * plane)
                    .update(from: part.storage.pointer + n * block, count: block)
            }
            channelOffset += part.shape[1]
        }
        return result
    }
}
