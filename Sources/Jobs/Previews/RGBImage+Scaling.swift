// Bilinear matches torch.nn.functional.interpolate(mode="bilinear", align_corners=False, no
// antialias) and nearest matches mode="nearest-exact" (torch 2.x, aten/src/ATen/native/UpSample.h):
// source coordinate = (destination + 0.5) × in / out − 0.5.
import Imaging

/// How a preview is enlarged to the size of its place on screen.
public enum PreviewFilter: String, Sendable, CaseIterable {
    /// Blocky: each output pixel takes the nearest input pixel. Keeps latent pixels visible.
    case nearest
    /// Smooth: weighted mean of the 4 nearest input pixels.
    case bilinear
}

extension RGBImage {
    /// The image resampled to exactly `width` × `height`.
    public func resized(width: Int, height: Int, filter: PreviewFilter) throws -> RGBImage {
        guard width >= 1, height >= 1 else { throw JobsError.invalidPreviewSize(width: width, height: height) }
        if width == self.width && height == self.height { return self }
        let columns = Self.taps(from: self.width, to: width, filter: filter)
        let rows = Self.taps(from: self.height, to: height, filter: filter)
        var output = [UInt8](repeating: 0, count: width * height * 3)
        pixels.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    let row = rows[y]
                    for x in 0..<width {
                        let column = columns[x]
                        for channel in 0..<3 {
                            func at(_ sy: Int, _ sx: Int) -> Float {
                                Float(input[(sy * self.width + sx) * 3 + channel])
                            }
                            let top = at(row.first, column.first) * (1 - column.weight)
                                + at(row.first, column.second) * column.weight
                            let bottom = at(row.second, column.first) * (1 - column.weight)
                                + at(row.second, column.second) * column.weight
                            let value = top * (1 - row.weight) + bottom * row.weight
                            out[(y * width + x) * 3 + channel] = UInt8(min(max(value.rounded(.toNearestOrEven), 0), 255))
                        }
                    }
                }
            }
        }
        return try RGBImage(width: width, height: height, pixels: output)
    }

    /// The image scaled by the same factor on both sides so that it fits in `width` × `height`
    /// (a preview pane in pixels), as large as possible.
    public func scaledToFit(width: Int, height: Int, filter: PreviewFilter) throws -> RGBImage {
        guard width >= 1, height >= 1 else { throw JobsError.invalidPreviewSize(width: width, height: height) }
        let scale = min(Double(width) / Double(self.width), Double(height) / Double(self.height))
        let fitWidth = min(width, max(1, Int((Double(self.width) * scale).rounded())))
        let fitHeight = min(height, max(1, Int((Double(self.height) * scale).rounded())))
        return try resized(width: fitWidth, height: fitHeight, filter: filter)
    }

    /// For one output coordinate: the two input coordinates it blends and the weight of the second.
    struct Tap {
        var first: Int
        var second: Int
        var weight: Float
    }

    static func taps(from input: Int, to output: Int, filter: PreviewFilter) -> [Tap] {
        let scale = Float(input) / Float(output)
        return (0..<output).map { index in
            switch filter {
            case .nearest:
                let source = min(Int((Float(index) + 0.5) * scale), input - 1)
                return Tap(first: source, second: source, weight: 0)
            case .bilinear:
                let source = max((Float(index) + 0.5) * scale - 0.5, 0)
                let first = min(Int(source), input - 1)
                let second = min(first + 1, input - 1)
                return Tap(first: first, second: second, weight: source - Float(first))
            }
        }
    }
}
