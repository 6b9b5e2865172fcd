// Nearest-neighbour 2× upsampling (diffusers' Upsample2D, F.interpolate(scale_factor=2, mode="nearest")).

extension Kernels {
    /// `x` [N, C, H, W] → [N, C, 2H, 2W].
    public static func upsampleNearest2x(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4, "upsampleNearest2x: input \(x.shape) must be [N, C, H, W]")
        return upsampleNearest2x(rows: 0..<(2 * x.shape[2]), of: x)
    }
}
