// Nearest-neighbour 2× upsampling (diffusers' Upsample2D, F.interpolate(scale_factor=2, mode="nearest")).

extension Kernels {
    /// `x` [N, C, H, W] → [N, C, 2H, 2W].
    public static func upsampleNearest2x(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4, "upsampleNearest2x: input \(x.shape) must be [N, C, H, W]")
        let height = x.shape[2], width = x.shape[3]
        let result = Tensor(uninitializedShape: [x.shape[0], x.shape[1], height * 2, width * 2])
        let source = x.storage.pointer, destination = result.storage.pointer
        Parallel.forEach(x.shape[0] * x.shape[1], costPerItem: height * width * 4) { plane in
            let from = source + plane * height * width
            let to = destination + plane * height * width * 4
            for y in 0..<height {
                let row = to + y * 2 * width * 2
                for x in 0..<width {
                    let value = from[y * width + x]
                    row[2 * x] = value
                    row[2 * x + 1] = value
                }
                (row + width * 2).update(from: row, count: width * 2)
            }
        }
        return result
    }
}
