/// Draws a picture with "▀" cells: the upper half takes the foreground colour (one pixel), the
/// lower half the background colour (the pixel below), so a cell shows two square-ish pixels.
/// The picture is resized by area averaging to fit the rect (keeping its aspect ratio) and
/// centred in it.
import Imaging
public enum HalfBlockRenderer {
    public static let upperHalfBlock: Character = "\u{2580}"

    /// The pixel size the picture gets in `area`: at most area.width × (2 × area.height).
    public static func pixelSize(of image: RGBImage, in area: Rect) -> (width: Int, height: Int) {
        RGBImage.fittedSize(width: image.width, height: image.height,
                            maxWidth: area.width, maxHeight: area.height * 2)
    }

    /// Draws `image` into `area`. Colours are 24-bit, or already fitted to `capability` (the
    /// nearest xterm-256 entry, for example) so the frame can be compared or sent as is.
    public static func render(_ image: RGBImage, in area: Rect, buffer: inout CellBuffer,
                              capability: ColorCapability = .trueColor) {
        guard !area.isEmpty else { return }
        let size = pixelSize(of: image, in: area)
        let scaled = image.resized(width: size.width, height: size.height)
        let cellRows = (size.height + 1) / 2
        let left = area.x + (area.width - size.width) / 2
        let top = area.y + (area.height - cellRows) / 2
        for row in 0..<cellRows {
            for x in 0..<size.width {
                guard let upper = scaled.pixel(x: x, y: 2 * row) else { continue }
                let foreground = TerminalColor.rgb(upper.red, upper.green, upper.blue).degraded(to: capability)
                var background: TerminalColor = .terminalDefault
                if let lower = scaled.pixel(x: x, y: 2 * row + 1) {
                    background = TerminalColor.rgb(lower.red, lower.green, lower.blue).degraded(to: capability)
                }
                buffer.put(upperHalfBlock, x: left + x, y: top + row, role: .background, clip: area,
                           foreground: foreground, background: background)
            }
        }
    }
}
