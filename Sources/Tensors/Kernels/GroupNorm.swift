// group_norm as torch.nn.functional.group_norm, optionally followed by SiLU
// (diffusers' ResnetBlock2D applies norm then SiLU; fusing saves a pass over memory).
//
// The statistics and the normalisation are separate steps so that a picture too large to
// normalise at once can be normalised a band of rows at a time, with statistics of the whole
// picture: the values are the same as in one pass.
import Foundation

extension Kernels {
    /// The mean and 1/√(variance + ε) of each group of each item, as group_norm uses them.
    public struct GroupStatistics: Sendable {
        public let groups: Int
        /// Indexed by item × groups + group.
        public let means: [Float]
        public let inverseDeviations: [Float]
    }

    /// `x` [N, C, ...] normalised over each group of C/groups channels, then scaled per channel.
    public static func groupNorm(_ x: Tensor, groups: Int, weight: Tensor, bias: Tensor,
                                 epsilon: Float, fusingSiLU: Bool = false) -> Tensor {
        let statistics = groupStatistics(x, groups: groups, epsilon: epsilon)
        let plane = x.count / max(x.shape[0] * x.shape[1], 1)
        return normalize(x, statistics: statistics, weight: weight, bias: bias, fusingSiLU: fusingSiLU,
                         span: 0..<plane)
    }

    /// Rows `rows` of `x` [N, C, H, W], normalised with `statistics` of the whole of `x`:
    /// [N, C, rows.count, W], equal to those rows of `groupNorm(x, …)`.
    public static func groupNorm(rows: Range<Int>, of x: Tensor, statistics: GroupStatistics,
                                 weight: Tensor, bias: Tensor, fusingSiLU: Bool = false) -> Tensor {
        precondition(x.rank == 4 && rows.lowerBound >= 0 && rows.upperBound <= x.shape[2],
                     "groupNorm: rows \(rows) of \(x.shape)")
        let width = x.shape[3]
        return normalize(x, statistics: statistics, weight: weight, bias: bias, fusingSiLU: fusingSiLU,
                         span: rows.lowerBound * width..<rows.upperBound * width)
    }

    /// Per-group mean and inverse deviation of `x` [N, C, ...].
    public static func groupStatistics(_ x: Tensor, groups: Int, epsilon: Float) -> GroupStatistics {
        precondition(x.rank >= 2, "groupNorm: input \(x.shape) needs [N, C, ...]")
        let batch = x.shape[0], channels = x.shape[1]
        precondition(groups > 0 && channels % groups == 0,
                     "groupNorm: \(channels) channels do not split into \(groups) groups")
        let groupSize = x.count / max(batch * groups, 1)
        var means = [Float](repeating: 0, count: batch * groups)
        var inverses = means
        let source = x.storage.pointer
        means.withUnsafeMutableBufferPointer { meanOut in
            inverses.withUnsafeMutableBufferPointer { inverseOut in
                let meanOut = meanOut.baseAddress!, inverseOut = inverseOut.baseAddress!
                Parallel.forEach(batch * groups, costPerItem: groupSize) { index in
                    let (mean, variance) = meanAndVariance(source + index * groupSize, count: groupSize)
                    meanOut[index] = Float(mean)
                    inverseOut[index] = Float(1 / (variance + Double(epsilon)).squareRoot())
                }
            }
        }
        return GroupStatistics(groups: groups, means: means, inverseDeviations: inverses)
    }

    /// Normalises the elements `span` of every channel plane of `x` into [N, C, span.count]
    /// (shaped as `x` with its plane cut to the span).
    private static func normalize(_ x: Tensor, statistics: GroupStatistics, weight: Tensor, bias: Tensor,
                                  fusingSiLU: Bool, span: Range<Int>) -> Tensor {
        let batch = x.shape[0], channels = x.shape[1], groups = statistics.groups
        precondition(weight.count == channels && bias.count == channels,
                     "groupNorm: weight \(weight.shape) / bias \(bias.shape) for \(channels) channels")
        precondition(statistics.means.count == batch * groups, "groupNorm: statistics for another input")
        let plane = x.count / max(batch * channels, 1)
        let length = span.count
        var shape = x.shape
        if length != plane { shape[2] = length / x.shape[3] }   // a band of rows of [N, C, H, W]
        let result = Tensor(uninitializedShape: shape)
        let source = x.storage.pointer, destination = result.storage.pointer
        let gamma = weight.storage.pointer, beta = bias.storage.pointer
        let channelsPerGroup = channels / groups
        statistics.means.withUnsafeBufferPointer { means in
            statistics.inverseDeviations.withUnsafeBufferPointer { inverses in
                Parallel.forEach(batch * channels, costPerItem: length) { index in
                    let channel = index % channels
                    let group = (index / channels) * groups + channel / channelsPerGroup
                    let scale = FloatVector(repeating: gamma[channel] * inverses[group])
                    let shift = FloatVector(repeating: beta[channel]) - means[group] * scale
                    let from = source + index * plane + span.lowerBound, to = destination + index * length
                    if fusingSiLU {
                        forEachVector(from, to, count: length) { vectorSiLU($0 * scale + shift) }
                    } else {
                        forEachVector(from, to, count: length) { $0 * scale + shift }
                    }
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
