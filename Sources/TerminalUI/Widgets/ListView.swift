/// A scrolling list of one-line items with a highlighted selection. Each item is a line of spans
/// so that callers can colour parts of it (matched characters, for example).
public struct ListView: StatefulWidget, Sendable {
    public var items: [[Span]]
    /// Drawn before the selected item; other items get as many spaces.
    public var selectionSymbol: String
    public var showsScrollIndicator: Bool

    public init(items: [[Span]], selectionSymbol: String = "› ", showsScrollIndicator: Bool = true) {
        self.items = items
        self.selectionSymbol = selectionSymbol
        self.showsScrollIndicator = showsScrollIndicator
    }

    public init(lines: [String], selectionSymbol: String = "› ") {
        self.init(items: lines.map { [Span($0)] }, selectionSymbol: selectionSymbol)
    }

    public func render(in area: Rect, buffer: inout CellBuffer, state: inout ListState) {
        guard !area.isEmpty else { return }
        state.clamp(count: items.count)
        state.scrollToSelection(visibleRows: area.height, count: items.count)
        let symbolWidth = TerminalText.width(of: selectionSymbol)
        let needsIndicator = showsScrollIndicator && items.count > area.height && area.width > symbolWidth + 1
        let textWidth = area.width - (needsIndicator ? 1 : 0)
        for row in 0..<area.height {
            let index = state.offset + row
            guard index < items.count else { break }
            let line = Rect(x: area.x, y: area.y + row, width: textWidth, height: 1)
            let isSelected = index == state.selected
            if isSelected { buffer.fill(line, role: .selection) }
            let prefix = isSelected ? selectionSymbol : String(repeating: " ", count: symbolWidth)
            let spans = items[index].map { isSelected && $0.role != .match ? Span($0.text, role: .selection) : $0 }
            let prefixRole: UIRole = isSelected ? .selection : .text
            Label(spans: [Span(prefix, role: prefixRole)] + spans).render(in: line, buffer: &buffer)
        }
        if needsIndicator {
            drawIndicator(in: Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height),
                          buffer: &buffer, offset: state.offset)
        }
    }

    /// A one-column scroll bar: "▲"/"▼" where more items are hidden, "█" for the visible window.
    private func drawIndicator(in column: Rect, buffer: inout CellBuffer, offset: Int) {
        let rows = column.height
        let thumbSize = max(1, rows * rows / max(1, items.count))
        let maxOffset = max(1, items.count - rows)
        let thumbStart = (rows - thumbSize) * min(offset, maxOffset) / maxOffset
        for row in 0..<rows {
            let symbol: Character = (row >= thumbStart && row < thumbStart + thumbSize) ? "█" : "│"
            buffer.put(symbol, x: column.x, y: column.y + row, role: .dimText)
        }
    }
}
