// Resizing by area averaging: each new pixel is the mean of the old pixels it covers, each
// weighted by the covered fraction (a box filter, exact for any ratio).

import Imaging
extension RGBImage {
    /// The largest size with this picture's aspect ratio that fits in `maxWidth` × `maxHeight`
    /// (at least 1×1).
    public static func fittedSize(width: Int, height: Int, maxWidth: Int, maxHeight: Int) -> (width: Int, height: Int) {
        guard width > 0, height > 0, maxWidth > 0, maxHeight > 0 else { return (1, 1) }
        let scale = min(Double(maxWidth) / Double(width), Double(maxHeight) / Double(height))
        return (max(1, min(maxWidth, Int((Double(width) * scale).rounded()))),
                max(1, min(maxHeight, Int((Double(height) * scale).rounded()))))
    }

    /// This picture resized to `newWidth` × `newHeight` (each at least 1) by area averaging.
    public func resized(width newWidth: Int, height newHeight: Int) -> RGBImage {
        let targetWidth = max(1, newWidth), targetHeight = max(1, newHeight)
        if targetWidth == width && targetHeight == height { return self }
        let columns = Self.coverage(source: width, target: targetWidth)
        let rows = Self.coverage(source: height, target: targetHeight)

        // Horizontal pass: height × targetWidth × 3 floats.
        var horizontal = [Float](repeating: 0, count: height * targetWidth * 3)
        for y in 0..<height {
            for (x, weights) in columns.enumerated() {
                var sums: (Float, Float, Float) = (0, 0, 0)
                for (source, weight) in weights {
                    let offset = (y * width + source) * 3
                    sums.0 += Float(pixels[offset]) * weight
                    sums.1 += Float(pixels[offset + 1]) * weight
                    sums.2 += Float(pixels[offset + 2]) * weight
                }
                let out = (y * targetWidth + x) * 3
                horizontal[out] = sums.0
                horizontal[out + 1] = sums.1
                horizontal[out + 2] = sums.2
            }
        }
        // Vertical pass into bytes.
        var result = [UInt8](repeating: 0, count: targetWidth * targetHeight * 3)
        for (y, weights) in rows.enumerated() {
            for x in 0..<targetWidth {
                var sums: (Float, Float, Float) = (0, 0, 0)
                for (source, weight) in weights {
                    let offset = (source * targetWidth + x) * 3
                    sums.0 += horizontal[offset] * weight
                    sums.1 += horizontal[offset + 1] * weight
                    sums.2 += horizontal[offset + 2] * weight
                }
                let out = (y * targetWidth + x) * 3
                result[out] = Self.byte(sums.0)
                result[out + 1] = Self.byte(sums.1)
                result[out + 2] = Self.byte(sums.2)
            }
        }
        do {
            return try RGBImage(width: targetWidth, height: targetHeight, pixels: result)
        } catch {
            preconditionFailure("area averaging made \(result.count) bytes for \(targetWidth)x\(targetHeight)")
        }
    }

    /// For each target index, the source indices it covers and their weights (summing to 1).
    static func coverage(source: Int, target: Int) -> [[(Int, Float)]] {
        let scale = Double(source) / Double(target)
        return (0..<target).map { index in
            let start = Double(index) * scale, end = Double(index + 1) * scale
            var weights: [(Int, Float)] = []
            var position = Int(start.rounded(.down))
            while Double(position) < end, position < source {
                let covered = min(end, Double(position + 1)) - max(start, Double(position))
                if covered > 1e-9 { weights.append((position, Float(covered / scale))) }
                position += 1
            }
            return weights
        }
    }

    static func byte(_ value: Float) -> UInt8 {
        UInt8(max(0, min(255, value.rounded())))
    }
}
