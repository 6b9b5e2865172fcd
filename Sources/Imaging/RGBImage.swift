/// An 8-bit RGB image: `pixels` holds `width * height * 3` bytes, rows top to bottom,
/// each pixel red, green, blue.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var pixels: [UInt8]

    /// An image over `pixels`, which must hold exactly `width * height * 3` bytes.
    public init(width: Int, height: Int, pixels: [UInt8]) throws {
        let count = try Self.byteCount(width: width, height: height)
        guard pixels.count == count else {
            throw ImagingError.pixelCountMismatch(width: width, height: height, expected: count, actual: pixels.count)
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image of one colour.
    public init(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8) throws {
        let count = try Self.byteCount(width: width, height: height)
        var pixels = [UInt8](repeating: 0, count: count)
        for start in stride(from: 0, to: count, by: 3) {
            pixels[start] = red
            pixels[start + 1] = green
            pixels[start + 2] = blue
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The red, green and blue values at column `x`, row `y` (both counted from the top left).
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8)? {
        guard x >= 0, x < width, y >= 0, y < height else { return nil }
        let start = (y * width + x) * 3
        return (pixels[start], pixels[start + 1], pixels[start + 2])
    }

    /// Sets the pixel at column `x`, row `y`; coordinates outside the image are ignored.
    public mutating func setPixel(x: Int, y: Int, red: UInt8, green: UInt8, blue: UInt8) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let start = (y * width + x) * 3
        pixels[start] = red
        pixels[start + 1] = green
        pixels[start + 2] = blue
    }

    /// `width * height * 3`, or an error when a side is below 1 or the product overflows.
    static func byteCount(width: Int, height: Int) throws -> Int {
        guard width >= 1, height >= 1 else { throw ImagingError.invalidImageSize(width: width, height: height) }
        let (area, overflowA) = width.multipliedReportingOverflow(by: height)
        let (bytes, overflowB) = area.multipliedReportingOverflow(by: 3)
        guard !overflowA, !overflowB else { throw ImagingError.invalidImageSize(width: width, height: height) }
        return bytes
    }
}
