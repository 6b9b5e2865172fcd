// Splitting a tensor's channels in two equal halves, as torch.chunk(x, 2, dim=1).
import Tensors

extension Kernels {
    /// `x` [N, 2C, ...] → ([N, C, ...], [N, C, ...]): the first and the second half of the channels.
    public static func channelHalves(_ x: Tensor) -> (first: Tensor, second: Tensor) {
        precondition(x.rank >= 2 && x.shape[1] % 2 == 0, "channelHalves: \(x.shape) has no even channel dimension")
        let batch = x.shape[0]
        var halfShape = x.shape
        halfShape[1] /= 2
        let first = Tensor(uninitializedShape: halfShape), second = Tensor(uninitializedShape: halfShape)
        let half = first.count / max(batch, 1)      // values of one half for one batch item
        let source = x.storage.pointer
        for n in 0..<batch {
            (first.storage.pointer + n * half).initialize(from: source + 2 * n * half, count: half)
            (second.storage.pointer + n * half).initialize(from: source + (2 * n + 1) * half, count: half)
        }
        return (first, second)
    }
}
