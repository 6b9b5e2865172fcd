import Imaging
import TerminalUI

/// Puts sixel pictures over the frame ncurses drew, and takes them away again.
///
/// ncurses does not know the pictures are there: it only repaints cells it thinks changed. So a
/// picture is written after each frame in which it is new or moved, and when it goes (another
/// picture, a resize, an overlay) its cells are erased and handed back to ncurses to repaint.
struct SixelPainter {
    private struct Placed {
        var rect: Rect
        var version: Int
    }

    private var placed: [Placed] = []
    private var pending: [(slot: SixelSlot, version: Int)] = []

    /// Makes every picture be sent again with the next frame (after a resize or an overlay).
    mutating func forget() {
        placed = []
    }

    /// Compares the pictures of the coming frame with those on screen; erases what goes.
    mutating func prepare(_ slots: [SixelSlot], version: Int, backend: NCursesBackend) {
        let wanted = slots.map { Placed(rect: $0.rect, version: version) }
        let same = wanted.count == placed.count && zip(wanted, placed).allSatisfy { $0.rect == $1.rect && $0.version == $1.version }
        pending = []
        guard !same else { return }
        for old in placed {
            backend.writeRaw(SixelPlacement.eraseSequence(old.rect))
            backend.invalidate(old.rect)
        }
        placed = wanted
        pending = slots.map { ($0, version) }
    }

    /// Writes the pictures that `prepare` found new, each fitted to its rect.
    mutating func paint(screenRows: Int, backend: NCursesBackend) {
        let cell = backend.cellPixelSize ?? (width: 10, height: 20)
        for (slot, _) in pending {
            guard let size = SixelPlacement.pixelSize(imageWidth: slot.image.width, imageHeight: slot.image.height,
                                                      area: slot.rect, screenRows: screenRows,
                                                      cellWidth: cell.width, cellHeight: cell.height),
                  let sixel = try? SixelEncoder.encode(slot.image.resized(width: size.width, height: size.height)) else { continue }
            // Centred in the rect, in whole cells.
            let columns = (size.width + cell.width - 1) / cell.width
            let rows = (size.height + cell.height - 1) / cell.height
            let column = slot.rect.x + max(0, (slot.rect.width - columns) / 2)
            let row = slot.rect.y + max(0, (slot.rect.height - rows) / 2)
            backend.writeRaw(SixelPlacement.drawSequence(sixel: sixel, row: row, column: column))
        }
        pending = []
    }
}
