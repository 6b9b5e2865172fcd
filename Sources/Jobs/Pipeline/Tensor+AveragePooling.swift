import Tensors

extension Tensor {
    /// `self` [N, C, H, W] averaged over `factor` × `factor` blocks → [N, C, ⌈H/f⌉, ⌈W/f⌉]; blocks
    /// cut by the edge average the values they have. Makes a smaller latent for a cheaper preview.
    func averagePooled(by factor: Int) -> Tensor {
        guard factor > 1, rank == 4 else { return self }
        let (batch, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
        let outHeight = (height + factor - 1) / factor
        let outWidth = (width + factor - 1) / factor
        var result = Tensor(zeros: [batch, channels, outHeight, outWidth])
        withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { out in
                for plane in 0..<(batch * channels) {
                    let input = plane * height * width
                    let output = plane * outHeight * outWidth
                    for y in 0..<outHeight {
                        let rows = (y * factor)..<min((y + 1) * factor, height)
                        for x in 0..<outWidth {
                            let columns = (x * factor)..<min((x + 1) * factor, width)
                            var sum: Float = 0
                            for row in rows {
                                for column in columns { sum += source[input + row * width + column] }
                            }
                            out[output + y * outWidth + x] = sum / Float(rows.count * columns.count)
                        }
                    }
                }
            }
        }
        return result
    }
}
