import Foundation
import Imaging

/// The sizes SDXL was trained on (Stability's aspect buckets, DESIGN §3), scaled to a model's
/// native size, and the free grid used outside them.
///
/// SDXL's buckets hold about 1024² pixels each. A model with another native side (the bundled
/// demo model draws 64×64) gets the same aspect ratios at its own scale, each side rounded to
/// the model's size multiple, so the picker always offers shapes the model knows.
public struct SizeBuckets: Sendable, Equatable {
    /// Stability's list at 1024² pixels, as W×H.
    public static let sdxl: [PixelSize] = [
        (704, 1408), (704, 1344), (768, 1344), (768, 1280), (832, 1216), (832, 1152), (896, 1152),
        (896, 1088), (960, 1088), (960, 1024), (1024, 1024), (1024, 960), (1088, 960), (1088, 896),
        (1152, 896), (1152, 832), (1216, 832), (1280, 768), (1344, 768), (1344, 704), (1408, 704),
        (1472, 704), (1536, 640), (1600, 640), (1664, 576), (1728, 576),
    ].map { PixelSize(width: $0.0, height: $0.1) }

    /// Tall to wide, no two alike.
    public let sizes: [PixelSize]
    /// Free sizes move on this grid: 64 pixels at SDXL's scale, never finer than `multiple`.
    public let grid: Int
    /// Every side the model accepts is a multiple of this.
    public let multiple: Int

    /// - Parameters:
    ///   - nativeSide: the model's default side (1024 for SDXL).
    ///   - multiple: the model's size multiple (its VAE factor times its UNet's downsampling).
    public init(nativeSide: Int, multiple: Int) {
        let multiple = max(1, multiple)
        let scale = Double(max(1, nativeSide)) / 1024
        func rounded(_ side: Int) -> Int {
            max(multiple, Int((Double(side) * scale / Double(multiple)).rounded()) * multiple)
        }
        var seen = Set<PixelSize>()
        sizes = Self.sdxl.map { PixelSize(width: rounded($0.width), height: rounded($0.height)) }
            .filter { seen.insert($0).inserted }
        grid = max(multiple, Int((64 * scale / Double(multiple)).rounded()) * multiple)
        self.multiple = multiple
    }

    /// The bucket whose aspect ratio is closest to `size`'s (ties: the larger picture).
    public func nearest(to size: PixelSize) -> Int {
        let ratio = Double(size.width) / Double(max(1, size.height))
        var best = 0
        var bestDistance = Double.infinity
        for (index, bucket) in sizes.enumerated() {
            let distance = abs(log(Double(bucket.width) / Double(bucket.height)) - log(ratio))
            if distance < bestDistance - 1e-9 {
                best = index
                bestDistance = distance
            }
        }
        return best
    }

    /// `side` on the free grid, within the pipeline's limits.
    public func snappedToGrid(_ side: Double) -> Double {
        let step = Double(grid)
        return max(step, (side / step).rounded() * step)
    }

    /// "3:2"-style label for a bucket: its ratio with two decimals.
    public static func ratioLabel(_ size: PixelSize) -> String {
        let ratio = Double(size.width) / Double(max(1, size.height))
        return String(Int((ratio * 100).rounded()) / 100) + "." + {
            let hundredths = Int((ratio * 100).rounded()) % 100
            return hundredths < 10 ? "0\(hundredths)" : "\(hundredths)"
        }()
    }
}




