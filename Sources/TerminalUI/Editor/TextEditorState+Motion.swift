// Cursor motions. Each takes `extendingSelection` (Shift held): the selection then grows from
// where the cursor was; without it the selection is dropped.

extension TextEditorState {
    public mutating func moveLeft(extendingSelection: Bool = false) {
        var target = cursor
        if target.column > 0 {
            target.column -= 1
        } else if target.line > 0 {
            target.line -= 1
            target.column = lines[target.line].count
        }
        moveCursor(to: target, extendingSelection: extendingSelection)
        goalColumn = nil
    }

    public mutating func moveRight(extendingSelection: Bool = false) {
        var target = cursor
        if target.column < lines[target.line].count {
            target.column += 1
        } else if target.line < lines.count - 1 {
            target.line += 1
            target.column = 0
        }
        moveCursor(to: target, extendingSelection: extendingSelection)
        goalColumn = nil
    }

    /// One wrapped row up, to the same display column (or the nearest before it). On the first
    /// row it goes to the start of the text.
    public mutating func moveUp(extendingSelection: Bool = false) {
        moveVertically(by: -1, extendingSelection: extendingSelection)
    }

    /// One wrapped row down; on the last row it goes to the end of the text.
    public mutating func moveDown(extendingSelection: Bool = false) {
        moveVertically(by: 1, extendingSelection: extendingSelection)
    }

    private mutating func moveVertically(by delta: Int, extendingSelection: Bool) {
        let rows = visualRows
        let current = visualRowIndex(of: cursor, in: rows)
        let goal = goalColumn ?? displayColumn(of: cursor.column, in: rows[current])
        let targetIndex = current + delta
        let target: TextPosition
        if targetIndex < 0 {
            target = .start
        } else if targetIndex >= rows.count {
            target = endPosition
        } else {
            let row = rows[targetIndex]
            target = TextPosition(line: row.line, column: column(atDisplayColumn: goal, in: row))
        }
        moveCursor(to: target, extendingSelection: extendingSelection)
        goalColumn = goal
    }

    public mutating func moveToLineStart(extendingSelection: Bool = false) {
        moveCursor(to: TextPosition(line: cursor.line, column: 0), extendingSelection: extendingSelection)
        goalColumn = nil
    }

    public mutating func moveToLineEnd(extendingSelection: Bool = false) {
        moveCursor(to: TextPosition(line: cursor.line, column: lines[cursor.line].count),
                   extendingSelection: extendingSelection)
        goalColumn = nil
    }

    public mutating func moveToStart(extendingSelection: Bool = false) {
        moveCursor(to: .start, extendingSelection: extendingSelection)
        goalColumn = nil
    }

    public mutating func moveToEnd(extendingSelection: Bool = false) {
        moveCursor(to: endPosition, extendingSelection: extendingSelection)
        goalColumn = nil
    }

    /// To the end of the next word (over any non-word characters and line breaks first).
    public mutating func moveWordRight(extendingSelection: Bool = false) {
        moveCursor(to: wordEnd(after: cursor), extendingSelection: extendingSelection)
        goalColumn = nil
    }

    /// To the start of the previous word.
    public mutating func moveWordLeft(extendingSelection: Bool = false) {
        moveCursor(to: wordStart(before: cursor), extendingSelection: extendingSelection)
        goalColumn = nil
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// The cluster just after `position`, nil at a line end (the line break).
    private func character(after position: TextPosition) -> Character? {
        position.column < lines[position.line].count ? lines[position.line][position.column] : nil
    }

    private func character(before position: TextPosition) -> Character? {
        position.column > 0 ? lines[position.line][position.column - 1] : nil
    }

    private func step(forward position: TextPosition) -> TextPosition? {
        if position.column < lines[position.line].count {
            return TextPosition(line: position.line, column: position.column + 1)
        }
        return position.line < lines.count - 1 ? TextPosition(line: position.line + 1, column: 0) : nil
    }

    private func step(backward position: TextPosition) -> TextPosition? {
        if position.column > 0 { return TextPosition(line: position.line, column: position.column - 1) }
        return position.line > 0 ? TextPosition(line: position.line - 1, column: lines[position.line - 1].count) : nil
    }

    func wordEnd(after start: TextPosition) -> TextPosition {
        var position = start
        while !(character(after: position).map(Self.isWordCharacter) ?? false), let next = step(forward: position) {
            position = next
        }
        while let next = character(after: position), Self.isWordCharacter(next) {
            position.column += 1
        }
        return position
    }

    func wordStart(before start: TextPosition) -> TextPosition {
        var position = start
        while !(character(before: position).map(Self.isWordCharacter) ?? false), let previous = step(backward: position) {
            position = previous
        }
        while let previous = character(before: position), Self.isWordCharacter(previous) {
            position.column -= 1
        }
        return position
    }
}
