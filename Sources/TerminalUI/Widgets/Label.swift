/// One line of spans, aligned in its rect's first row and cut with "…" when too long.
public struct Label: Widget, Sendable {
    public var spans: [Span]
    public var alignment: TerminalText.Alignment

    public init(_ text: String, role: UIRole = .text, alignment: TerminalText.Alignment = .left) {
        self.init(spans: [Span(text, role: role)], alignment: alignment)
    }

    public init(spans: [Span], alignment: TerminalText.Alignment = .left) {
        self.spans = spans
        self.alignment = alignment
    }

    public func render(in area: Rect, buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        var remaining = row.width
        var fitted: [Span] = []
        for span in spans where remaining > 0 {
            let text = TerminalText.sanitized(span.text)
            let columns = TerminalText.width(of: text)
            if columns <= remaining {
                fitted.append(Span(text, role: span.role))
                remaining -= columns
            } else {
                fitted.append(Span(TerminalText.truncated(text, toWidth: remaining), role: span.role))
                remaining = 0
            }
        }
        let used = row.width - remaining
        let start: Int
        switch alignment {
        case .left: start = row.x
        case .center: start = row.x + (row.width - used) / 2
        case .right: start = row.maxX - used
        }
        buffer.write(fitted, x: start, y: row.y, clip: row)
    }
}
