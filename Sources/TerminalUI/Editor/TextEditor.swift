/// Draws a `TextEditorState`: wrapped rows scrolled to keep the cursor in view, the selection
/// in the `selection` role, the cursor cell in the `editorCursor` role (and the terminal cursor
/// placed there) when focused, and a placeholder in `dimText` while the text is empty.
public struct TextEditor: StatefulWidget, Sendable {
    public var isFocused: Bool
    public var placeholder: String

    public init(isFocused: Bool = false, placeholder: String = "") {
        self.isFocused = isFocused
        self.placeholder = placeholder
    }

    public func render(in area: Rect, buffer: inout CellBuffer, state: inout TextEditorState) {
        guard !area.isEmpty else { return }
        // One column stays free so the cursor has a cell after a full row.
        state.wrapWidth = max(1, area.width - 1)
        let rows = state.visualRows
        let cursorRow = state.visualRowIndex(of: state.cursor, in: rows)
        if cursorRow < state.scrollRow { state.scrollRow = cursorRow }
        if cursorRow >= state.scrollRow + area.height { state.scrollRow = cursorRow - area.height + 1 }
        state.scrollRow = max(0, min(state.scrollRow, max(0, rows.count - area.height)))

        buffer.fill(area, role: .text)
        if state.isEmpty, !placeholder.isEmpty {
            Paragraph(placeholder, role: .dimText).render(in: area, buffer: &buffer)
        }
        let selection = state.selection
        for screenRow in 0..<area.height {
            let index = state.scrollRow + screenRow
            guard index < rows.count else { break }
            let row = rows[index]
            var x = area.x
            for column in row.start..<row.end {
                let cluster = state.lines[row.line][column]
                let position = TextPosition(line: row.line, column: column)
                let role: UIRole = selection?.contains(position) == true ? .selection : .text
                buffer.put(cluster, x: x, y: area.y + screenRow, role: role, clip: area)
                x += TerminalText.width(of: cluster)
            }
            if let selection, row.endsLine, row.line < state.lines.count - 1,
               selection.contains(TextPosition(line: row.line, column: row.end)) {
                // A selected line break shows as one selected cell after the row.
                buffer.put(" ", x: x, y: area.y + screenRow, role: .selection, clip: area)
            }
        }
        guard isFocused else { return }
        let screen = state.cursorScreenPosition
        let x = area.x + screen.column, y = area.y + screen.row - state.scrollRow
        guard area.contains(x: x, y: y) else { return }
        buffer.setRole(.editorCursor, in: Rect(x: x, y: y, width: 1, height: 1))
        buffer.cursor = .init(x: x, y: y)
    }
}
