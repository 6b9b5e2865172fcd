import Tensors

extension GroupNorm {
    /// The statistics of the whole of `x` [N, C, ...], for normalising it a band at a time.
    public func statistics(_ x: Tensor) -> Kernels.GroupStatistics {
        Kernels.groupStatistics(x, groups: groups, epsilon: epsilon)
    }

    /// Rows `rows` of `x` [N, C, H, W] normalised with `statistics` of the whole of `x`.
    public func callAsFunction(rows: Range<Int>, of x: Tensor, statistics: Kernels.GroupStatistics,
                               fusingSiLU: Bool = false) -> Tensor {
        Kernels.groupNorm(rows: rows, of: x, statistics: statistics, weight: weight, bias: bias, fusingSiLU: fusingSiLU)
    }
}
