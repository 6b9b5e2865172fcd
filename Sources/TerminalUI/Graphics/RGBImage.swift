/// A picture as rows of 8-bit red, green, blue bytes, top row first.
public struct RGBImage: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var pixels: [UInt8]

    /// `pixels` must hold exactly width × height × 3 bytes.
    public init(width: Int, height: Int, pixels: [UInt8]) throws(TerminalUIError) {
        guard width > 0, height > 0, pixels.count == width * height * 3 else {
            throw .invalidImage(width: width, height: height, byteCount: pixels.count)
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// For sizes and buffers computed here, already known to match.
    init(checkedWidth width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A picture of one colour (at least 1×1).
    public init(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8) {
        self.width = max(1, width)
        self.height = max(1, height)
        var bytes = [UInt8]()
        bytes.reserveCapacity(self.width * self.height * 3)
        for _ in 0..<(self.width * self.height) { bytes.append(contentsOf: [red, green, blue]) }
        pixels = bytes
    }

    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let offset = (y * width + x) * 3
        return (pixels[offset], pixels[offset + 1], pixels[offset + 2])
    }

    public mutating func setPixel(x: Int, y: Int, red: UInt8, green: UInt8, blue: UInt8) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let offset = (y * width + x) * 3
        pixels[offset] = red
        pixels[offset + 1] = green
        pixels[offset + 2] = blue
    }
}
