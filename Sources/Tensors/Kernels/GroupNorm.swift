// group_norm as torch.nn.functional.group_norm, optionally followed by SiLU
// (diffusers' ResnetBlock2D applies norm then SiLU; fusing saves a pass over memory).
import Foundation

extension Kernels {
    /// `x` [N, C, ...] normalised over each group of C/groups channels, then scaled per channel.
    public static func groupNorm(_ x: Tensor, groups: Int, weight: Tensor, bias: Tensor,
                                 epsilon: Float, fusingSiLU: Bool = false) -> Tensor {
        precondition(x.rank >= 2, "groupNorm: input \(x.shape) needs [N, C, ...]")
        let batch = x.shape[0], channels = x.shape[1]
        precondition(groups > 0 && channels % groups == 0,
                     "groupNorm: \(channels) channels do not split into \(groups) groups")
        precondition(weight.count == channels && bias.count == channels,
                     "groupNorm: weight \(weight.shape) / bias \(bias.shape) for \(channels) channels")
        let plane = x.count / max(batch * channels, 1)
        let channelsPerGroup = channels / groups
        let groupSize = channelsPerGroup * plane
        let result = Tensor(uninitializedShape: x.shape)
        let source = x.storage.pointer, destination = result.storage.pointer
        let gamma = weight.storage.pointer, beta = bias.storage.pointer

        Parallel.forEach(batch * groups, costPerItem: groupSize) { index in
            let offset = index * groupSize
            let (mean, variance) = meanAndVariance(source + offset, count: groupSize)
            let inverse = Float(1 / (variance + Double(epsilon)).squareRoot())
            let firstChannel = (index % groups) * channelsPerGroup
            for c in 0..<channelsPerGroup {
                let scale = FloatVector(repeating: gamma[firstChannel + c] * inverse)
                let shift = FloatVector(repeating: beta[firstChannel + c]) - Float(mean) * scale
                let from = source + offset + c * plane, to = destination + offset + c * plane
                if fusingSiLU {
                    forEachVector(from, to, count: plane) { vectorSiLU($0 * scale + shift) }
                } else {
                    forEachVector(from, to, count: plane) { $0 * scale + shift }
                }
            }
        }
        return result
    }

    /// Mean and biased variance, by two passes of blocked float sums accumulated in Double.
    @inline(__always)
    static func meanAndVariance(_ values: UnsafePointer<Float>, count: Int) -> (Double, Double) {
        let mean = accurateSum(values, count: count) / Double(count)
        let center = FloatVector(repeating: Float(mean))
        let squares = accurateSum(values, count: count) { ($0 - center) * ($0 - center) }
        return (mean, squares / Double(count))
    }
}
