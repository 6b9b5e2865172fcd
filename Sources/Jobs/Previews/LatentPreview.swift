// The linear latent-to-RGB preview as ComfyUI's latent_preview.py applies it (Latent2RGBPreviewer:
// `linear(x0[0].movedim(0, -1), factors, bias)` then `preview_to_image`: ((x + 1) / 2).clamp(0, 1)
// * 255, converted to uint8, which truncates).
import Imaging

/// Turns a latent into a small RGB picture (one pixel per latent pixel, 1/8 of the image size)
/// with a per-pixel linear map; microseconds even for 128×128 latents.
public enum LatentPreview {
    /// `latent` holds a [N, C, H, W] float tensor; image `batchIndex` is converted with `factors`
    /// (whose channel count must be C).
    public static func image(latent: UnsafeBufferPointer<Float>, shape: [Int], batchIndex: Int = 0,
                             factors: LatentRGBFactors = .sdxl) throws -> RGBImage {
        guard shape.count == 4 else {
            throw JobsError.invalidLatentShape(shape: shape, count: latent.count, reason: "it needs 4 dimensions")
        }
        let (batch, channels, height, width) = (shape[0], shape[1], shape[2], shape[3])
        guard batch >= 1, height >= 1, width >= 1 else {
            throw JobsError.invalidLatentShape(shape: shape, count: latent.count, reason: "a dimension is below 1")
        }
        guard channels == factors.channels else {
            throw JobsError.invalidLatentShape(shape: shape, count: latent.count,
                                               reason: "the factors (\(factors.source)) are for \(factors.channels) channels")
        }
        let (area, overflowA) = height.multipliedReportingOverflow(by: width)
        let (planes, overflowB) = area.multipliedReportingOverflow(by: channels)
        let (all, overflowC) = planes.multipliedReportingOverflow(by: batch)
        guard !overflowA, !overflowB, !overflowC, all == latent.count else {
            throw JobsError.invalidLatentShape(shape: shape, count: latent.count, reason: "the value count does not match")
        }
        guard batchIndex >= 0, batchIndex < batch else {
            throw JobsError.invalidLatentShape(shape: shape, count: latent.count, reason: "there is no image \(batchIndex)")
        }
        let base = batchIndex * planes
        var pixels = [UInt8](repeating: 0, count: area * 3)
        try factors.weights.withUnsafeBufferPointer { weights in
            try pixels.withUnsafeMutableBufferPointer { output in
                for index in 0..<area {
                    var red = factors.bias[0], green = factors.bias[1], blue = factors.bias[2]
                    for channel in 0..<channels {
                        let value = latent[base + channel * area + index]
                        guard value.isFinite else {
                            throw JobsError.nonFiniteLatent(channel: channel, x: index % width, y: index / width)
                        }
                        red += value * weights[channel * 3]
                        green += value * weights[channel * 3 + 1]
                        blue += value * weights[channel * 3 + 2]
                    }
                    output[index * 3] = byte(red)
                    output[index * 3 + 1] = byte(green)
                    output[index * 3 + 2] = byte(blue)
                }
            }
        }
        return try RGBImage(width: width, height: height, pixels: pixels)
    }

    /// The same, from an array.
    public static func image(latent: [Float], shape: [Int], batchIndex: Int = 0,
                             factors: LatentRGBFactors = .sdxl) throws -> RGBImage {
        try latent.withUnsafeBufferPointer { try image(latent: $0, shape: shape, batchIndex: batchIndex, factors: factors) }
    }

    /// [-1, 1] to a byte as the reference does: ((x + 1) / 2) clamped to [0, 1], times 255, truncated.
    @inline(__always)
    static func byte(_ value: Float) -> UInt8 {
        UInt8(min(max((value + 1) / 2, 0), 1) * 255)
    }
}
