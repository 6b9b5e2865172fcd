/// A bordered picker: the query on the first row ("> query"), then the ranked matches with the
/// matched characters in the `match` role, and a "shown/total" counter on the bottom border.
public struct FuzzyPicker: StatefulWidget, Sendable {
    public var title: String

    public init(title: String) {
        self.title = title
    }

    public func render(in area: Rect, buffer: inout CellBuffer, state: inout FuzzyPickerState) {
        guard !area.isEmpty else { return }
        let counter = "\(state.matches.count)/\(state.items.count)"
        let block = Block(title: title, footer: [Span(counter, role: .dimText)], isFocused: true)
        block.render(in: area, buffer: &buffer)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        let rows = inner.split(.vertical, [.length(1), .fill(1)])
        let promptWidth = buffer.write("> ", x: rows[0].x, y: rows[0].y, role: .title, clip: rows[0])
        let query = TerminalText.sanitized(state.query)
        let queryRoom = max(0, rows[0].width - promptWidth - 1)
        // Show the end of a long query, where the typing happens.
        var shown = query
        while TerminalText.width(of: shown) > queryRoom, !shown.isEmpty { shown.removeFirst() }
        let used = buffer.write(shown, x: rows[0].x + promptWidth, y: rows[0].y, role: .text, clip: rows[0])
        buffer.cursor = .init(x: rows[0].x + promptWidth + used, y: rows[0].y)

        let items = state.matches.map { Self.highlighted(state.items[$0.index], positions: $0.match.positions) }
        ListView(items: items).render(in: rows[1], buffer: &buffer, state: &state.list)
    }

    /// The item as spans, matched characters in the `match` role.
    static func highlighted(_ text: String, positions: [Int]) -> [Span] {
        let marked = Set(positions)
        var spans: [Span] = []
        for (offset, character) in text.enumerated() {
            let role: UIRole = marked.contains(offset) ? .match : .text
            if let last = spans.last, last.role == role {
                spans[spans.count - 1].text.append(character)
            } else {
                spans.append(Span(String(character), role: role))
            }
        }
        return spans
    }
}
