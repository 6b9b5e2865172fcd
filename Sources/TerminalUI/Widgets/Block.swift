/// A bordered panel with an optional title on the top border and optional spans on the bottom
/// border's right end (a counter such as "12/77", for example).
public struct Block: Widget, Sendable {
    public var title: String?
    public var footer: [Span]
    public var borders: BorderSet
    public var isFocused: Bool
    /// The role that fills the inside.
    public var fillRole: UIRole

    public init(title: String? = nil, footer: [Span] = [], borders: BorderSet = .rounded,
                isFocused: Bool = false, fillRole: UIRole = .background) {
        self.title = title
        self.footer = footer
        self.borders = borders
        self.isFocused = isFocused
        self.fillRole = fillRole
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect {
        area.inset(by: Margin(all: 1))
    }

    public func render(in area: Rect, buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let role: UIRole = isFocused ? .focusedBorder : .border
        buffer.fill(area, role: fillRole)
        let right = area.maxX - 1, bottom = area.maxY - 1
        for x in area.x..<area.maxX {
            buffer.put(borders.horizontal, x: x, y: area.y, role: role, clip: area)
            if bottom > area.y { buffer.put(borders.horizontal, x: x, y: bottom, role: role, clip: area) }
        }
        for y in area.y..<area.maxY {
            buffer.put(borders.vertical, x: area.x, y: y, role: role, clip: area)
            if right > area.x { buffer.put(borders.vertical, x: right, y: y, role: role, clip: area) }
        }
        if area.width >= 2, area.height >= 2 {
            buffer.put(borders.topLeft, x: area.x, y: area.y, role: role, clip: area)
            buffer.put(borders.topRight, x: right, y: area.y, role: role, clip: area)
            buffer.put(borders.bottomLeft, x: area.x, y: bottom, role: role, clip: area)
            buffer.put(borders.bottomRight, x: right, y: bottom, role: role, clip: area)
        }
        if let title, area.width > 4 {
            let room = area.width - 4
            let text = TerminalText.truncated(TerminalText.sanitized(title), toWidth: room - 2)
            if !text.isEmpty {
                buffer.write(" \(text) ", x: area.x + 2, y: area.y, role: isFocused ? .focusedBorder : .title,
                             clip: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1))
            }
        }
        if !footer.isEmpty, area.height >= 2, area.width > 4 {
            let wanted = footer.reduce(0) { $0 + $1.width } + 2
            let columns = min(wanted, area.width - 4)
            let start = area.maxX - 2 - columns
            let clip = Rect(x: start, y: bottom, width: columns, height: 1)
            buffer.write([Span(" ", role: role)] + footer + [Span(" ", role: role)], x: start, y: bottom, clip: clip)
        }
    }
}
