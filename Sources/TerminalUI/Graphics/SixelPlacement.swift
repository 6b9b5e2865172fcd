// Putting a sixel picture on screen next to ncurses, which knows nothing about it: after each
// refresh, save the cursor, move to the picture's cell, write the sixel data, restore the cursor.
// Removing the picture means writing spaces over its cells (or having ncurses repaint them).

import Imaging
public enum SixelPlacement {
    static let escape: UInt8 = 0x1B

    /// CUP: moves the cursor to `row`, `column` (0-based here, 1-based on the wire).
    public static func moveCursor(row: Int, column: Int) -> [UInt8] {
        Array("\u{1B}[\(max(0, row) + 1);\(max(0, column) + 1)H".utf8)
    }

    /// Draws `sixel` with its top-left corner at the cell (`row`, `column`), leaving the
    /// cursor and attributes as they were (DECSC … DECRC).
    public static func drawSequence(sixel: [UInt8], row: Int, column: Int) -> [UInt8] {
        [escape, UInt8(ascii: "7")] + moveCursor(row: row, column: column) + sixel + [escape, UInt8(ascii: "8")]
    }

    /// Writes spaces with default attributes over every cell of `rect`, leaving the cursor and
    /// attributes as they were.
    public static func eraseSequence(_ rect: Rect) -> [UInt8] {
        guard !rect.isEmpty else { return [] }
        var bytes: [UInt8] = [escape, UInt8(ascii: "7")] + Array("\u{1B}[0m".utf8)
        let spaces = [UInt8](repeating: UInt8(ascii: " "), count: rect.width)
        for row in rect.y..<rect.maxY {
            bytes += moveCursor(row: row, column: rect.x) + spaces
        }
        return bytes + [escape, UInt8(ascii: "8")]
    }

    /// The largest pixel size with the picture's aspect ratio that fits in `area`, given the
    /// cell size in pixels. Its height is a multiple of 6 (a sixel band), and the picture stays
    /// clear of the screen's last row (`screenRows`), where drawing it would scroll the screen.
    public static func pixelSize(imageWidth: Int, imageHeight: Int, area: Rect, screenRows: Int,
                                 cellWidth: Int, cellHeight: Int) -> (width: Int, height: Int)? {
        let rows = min(area.height, screenRows - 1 - area.y)
        guard rows > 0, area.width > 0, cellWidth > 0, cellHeight > 0 else { return nil }
        let maxWidth = area.width * cellWidth
        let maxHeight = (rows * cellHeight) / 6 * 6
        guard maxHeight >= 6 else { return nil }
        var size = RGBImage.fittedSize(width: imageWidth, height: imageHeight, maxWidth: maxWidth, maxHeight: maxHeight)
        size.height = max(6, size.height / 6 * 6)
        return size
    }
}
