// Nearest-neighbour resizing to a given size, as torch.nn.functional.interpolate(size=..., mode="nearest")
// (torch 2.15, aten/src/ATen/native/UpSample.h `nearest_idx`): source index floor(i · in/out) in
// Float32, clamped. diffusers' UNet uses it when the latent size is not a multiple of
// 2^(levels − 1), so that each up block's output matches the size of the skip it meets next.
import Tensors

extension Kernels {
    /// `x` [N, C, H, W] → [N, C, height, width].
    public static func resizeNearest(_ x: Tensor, height: Int, width: Int) -> Tensor {
        precondition(x.rank == 4 && height > 0 && width > 0, "resizeNearest: \(x.shape) to \(height)×\(width)")
        let inHeight = x.shape[2], inWidth = x.shape[3]
        let rows = nearestSourceIndices(input: inHeight, output: height)
        let columns = nearestSourceIndices(input: inWidth, output: width)
        let result = Tensor(uninitializedShape: [x.shape[0], x.shape[1], height, width])
        let source = x.storage.pointer, destination = result.storage.pointer
        Parallel.forEach(x.shape[0] * x.shape[1], costPerItem: height * width) { plane in
            let from = source + plane * inHeight * inWidth
            let to = destination + plane * height * width
            for y in 0..<height {
                let sourceRow = from + rows[y] * inWidth
                let row = to + y * width
                for x in 0..<width { row[x] = sourceRow[columns[x]] }
            }
        }
        return result
    }

    /// For each output index, the input index torch's nearest mode reads.
    static func nearestSourceIndices(input: Int, output: Int) -> [Int] {
        if output == 2 * input { return (0..<output).map { $0 >> 1 } }
        if output == input { return Array(0..<output) }
        let scale = Float(input) / Float(output)
        return (0..<output).map { min(Int((Float($0) * scale).rounded(.down)), input - 1) }
    }
}
