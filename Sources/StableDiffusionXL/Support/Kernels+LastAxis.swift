// Joining tensors along their last axis (torch.cat(parts, dim=-1)), for the text encoders'
// hidden states, which SDXL stacks feature-wise: [B, T, 768] + [B, T, 1280] → [B, T, 2048].
import Tensors

extension Kernels {
    /// `parts` of equal leading shape → one tensor whose last axis is the parts' last axes in order.
    static func concatLastAxis(_ parts: [Tensor]) -> Tensor {
        precondition(!parts.isEmpty, "concatLastAxis: no tensors")
        if parts.count == 1 { return parts[0] }
        let leading = Array(parts[0].shape.dropLast())
        precondition(parts.allSatisfy { $0.rank == leading.count + 1 && Array($0.shape.dropLast()) == leading },
                     "concatLastAxis: shapes \(parts.map(\.shape)) differ before the last axis")
        let widths = parts.map { $0.shape[$0.rank - 1] }
        let total = widths.reduce(0, +)
        let rows = Tensor.elementCount(leading)
        let result = Tensor(uninitializedShape: leading + [total])
        let destination = result.storage.pointer
        var offset = 0
        for (part, width) in zip(parts, widths) {
            let source = part.storage.pointer
            for row in 0..<rows {
                (destination + row * total + offset).initialize(from: source + row * width, count: width)
            }
            offset += width
        }
        return result
    }
}
