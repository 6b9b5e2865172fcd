// Wrapped rows: how the editor's lines fall onto screen rows at `wrapWidth`.

/// One screen row of an editor: a piece of one line.
public struct VisualRow: Hashable, Sendable {
    public var line: Int
    /// Cluster offsets in the line.
    public var start: Int
    public var end: Int
    /// Whether this is the last row of its line.
    public var endsLine: Bool
}

extension TextEditorState {
    /// All rows at the current `wrapWidth`. Lines break after a space when one falls in the row,
    /// else between clusters; a cluster wider than the row gets a row of its own.
    public var visualRows: [VisualRow] {
        var rows: [VisualRow] = []
        for (index, line) in lines.enumerated() {
            rows.append(contentsOf: Self.rows(of: line, lineIndex: index, width: wrapWidth))
        }
        return rows
    }

    static func rows(of line: [Character], lineIndex: Int, width: Int?) -> [VisualRow] {
        guard let width, width > 0 else {
            return [VisualRow(line: lineIndex, start: 0, end: line.count, endsLine: true)]
        }
        var rows: [VisualRow] = []
        var rowStart = 0
        var column = 0
        var breakAfterSpace: Int?
        var index = 0
        while index < line.count {
            let columns = TerminalText.width(of: line[index])
            if column + columns > width, index > rowStart {
                let end = (breakAfterSpace.map { $0 > rowStart && $0 <= index } ?? false) ? breakAfterSpace! : index
                rows.append(VisualRow(line: lineIndex, start: rowStart, end: end, endsLine: false))
                rowStart = end
                column = line[rowStart..<index].reduce(0) { $0 + TerminalText.width(of: $1) }
                breakAfterSpace = nil
                continue
            }
            column += columns
            if line[index] == " " { breakAfterSpace = index + 1 }
            index += 1
        }
        rows.append(VisualRow(line: lineIndex, start: rowStart, end: line.count, endsLine: true))
        return rows
    }

    /// The row holding `position`: a position at the end of a row that does not end its line
    /// belongs to the next row.
    public func visualRowIndex(of position: TextPosition, in rows: [VisualRow]) -> Int {
        for (index, row) in rows.enumerated() where row.line == position.line {
            if position.column >= row.start && (position.column < row.end || (row.endsLine && position.column == row.end)) {
                return index
            }
        }
        return max(0, rows.count - 1)
    }

    /// Display columns from the row's start to `column`.
    func displayColumn(of column: Int, in row: VisualRow) -> Int {
        guard column > row.start else { return 0 }
        return lines[row.line][row.start..<min(column, lines[row.line].count)]
            .reduce(0) { $0 + TerminalText.width(of: $1) }
    }

    /// The cluster offset in `row` closest to display column `goal` without passing it.
    func column(atDisplayColumn goal: Int, in row: VisualRow) -> Int {
        var used = 0
        var column = row.start
        while column < row.end {
            let columns = TerminalText.width(of: lines[row.line][column])
            if used + columns > goal { break }
            used += columns
            column += 1
        }
        // The end of a row that continues belongs to the next row: stay on this one.
        if !row.endsLine, column == row.end, row.end > row.start { column -= 1 }
        return column
    }

    /// Where the cursor is drawn: the row index and the display column in that row.
    public var cursorScreenPosition: (row: Int, column: Int) {
        let rows = visualRows
        let index = visualRowIndex(of: cursor, in: rows)
        return (index, displayColumn(of: cursor.column, in: rows[index]))
    }
}
