/// A small drawing of three rectangles given in one plane of plain numbers (pixels, say): a
/// canvas at the origin, a crop rectangle and a target rectangle at the origin. All three are
/// scaled by one factor to fit the cell rect, with cells taken as `cellAspect` times taller
/// than wide, and drawn as outlines (the crop's inside shaded) in the `canvas`, `crop` and
/// `target` roles.
public struct ConditioningDiagram: Widget, Sendable {
    public struct Box: Hashable, Sendable {
        public var x: Double, y: Double, width: Double, height: Double
        public init(x: Double = 0, y: Double = 0, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }

    public var canvas: Box
    public var crop: Box
    public var target: Box
    public var cellAspect: Double

    public init(canvasWidth: Double, canvasHeight: Double, cropLeft: Double, cropTop: Double,
                cropWidth: Double, cropHeight: Double, targetWidth: Double, targetHeight: Double,
                cellAspect: Double = 2) {
        canvas = Box(width: canvasWidth, height: canvasHeight)
        crop = Box(x: cropLeft, y: cropTop, width: cropWidth, height: cropHeight)
        target = Box(width: targetWidth, height: targetHeight)
        self.cellAspect = cellAspect > 0 ? cellAspect : 2
    }

    /// A box in cells: its corners rounded to the nearest cell, inside `area`, at least 1×1.
    public struct CellBox: Hashable, Sendable {
        public var x: Int, y: Int, width: Int, height: Int
    }

    /// Where each box lands in `area` (canvas, crop, target), or nil when nothing can be drawn.
    public func layout(in area: Rect) -> (canvas: CellBox, crop: CellBox, target: CellBox)? {
        let boxes = [canvas, crop, target]
        guard area.width >= 2, area.height >= 2,
              boxes.allSatisfy({ [$0.x, $0.y, $0.width, $0.height].allSatisfy(\.isFinite) && $0.width >= 0 && $0.height >= 0 })
        else { return nil }
        let right = boxes.map { $0.x + $0.width }.max() ?? 0
        let bottom = boxes.map { $0.y + $0.height }.max() ?? 0
        let left = min(0, boxes.map(\.x).min() ?? 0)
        let top = min(0, boxes.map(\.y).min() ?? 0)
        let spanX = right - left, spanY = bottom - top
        guard spanX > 0, spanY > 0 else { return nil }
        // Columns per unit; a unit down is 1/cellAspect of that in rows (rows are taller).
        let scaleX = min(Double(area.width - 1) / spanX, Double(area.height - 1) * cellAspect / spanY)
        let scaleY = scaleX / cellAspect
        func place(_ box: Box) -> CellBox {
            let x0 = Int(((box.x - left) * scaleX).rounded()), y0 = Int(((box.y - top) * scaleY).rounded())
            let x1 = Int(((box.x + box.width - left) * scaleX).rounded())
            let y1 = Int(((box.y + box.height - top) * scaleY).rounded())
            let x = min(area.width - 1, max(0, x0)), y = min(area.height - 1, max(0, y0))
            return CellBox(x: area.x + x, y: area.y + y,
                           width: max(1, min(area.width - x, x1 - x0 + 1)),
                           height: max(1, min(area.height - y, y1 - y0 + 1)))
        }
        return (place(canvas), place(crop), place(target))
    }

    public func render(in area: Rect, buffer: inout CellBuffer) {
        guard let boxes = layout(in: area) else { return }
        let cropRect = Rect(x: boxes.crop.x, y: boxes.crop.y, width: boxes.crop.width, height: boxes.crop.height)
        buffer.fill(cropRect, symbol: "░", role: .crop)
        outline(boxes.canvas, role: .canvas, borders: .plain, buffer: &buffer, clip: area)
        outline(boxes.target, role: .target, borders: .double, buffer: &buffer, clip: area)
        outline(boxes.crop, role: .crop, borders: .heavy, buffer: &buffer, clip: area)
    }

    private func outline(_ box: CellBox, role: UIRole, borders: BorderSet, buffer: inout CellBuffer, clip: Rect) {
        let right = box.x + box.width - 1, bottom = box.y + box.height - 1
        for x in box.x...right {
            buffer.put(borders.horizontal, x: x, y: box.y, role: role, clip: clip)
            buffer.put(borders.horizontal, x: x, y: bottom, role: role, clip: clip)
        }
        for y in box.y...bottom {
            buffer.put(borders.vertical, x: box.x, y: y, role: role, clip: clip)
            buffer.put(borders.vertical, x: right, y: y, role: role, clip: clip)
        }
        if box.width >= 2, box.height >= 2 {
            buffer.put(borders.topLeft, x: box.x, y: box.y, role: role, clip: clip)
            buffer.put(borders.topRight, x: right, y: box.y, role: role, clip: clip)
            buffer.put(borders.bottomLeft, x: box.x, y: bottom, role: role, clip: clip)
            buffer.put(borders.bottomRight, x: right, y: bottom, role: role, clip: clip)
        }
    }
}
