// Inserting and deleting. Edits replace the selection when there is one, record undo steps,
// and re-segment the edited line so that a combining mark typed after its base joins it.

extension TextEditorState {
    /// Inserts `text` (sanitized; line breaks kept only in a multi-line editor) at the cursor.
    public mutating func insert(_ text: String) {
        let clean = Self.clean(text, multiLine: isMultiLine)
        guard !clean.isEmpty else { return }
        recordUndo(clean.contains("\n") ? .other : .typing)
        if let range = selection { removeText(in: range) }
        insertClean(clean)
    }

    /// Starts a new line at the cursor (nothing in a single-line editor).
    public mutating func insertNewline() {
        guard isMultiLine else { return }
        insert("\n")
    }

    /// Deletes the selection, or the cluster before the cursor (joining lines at a line start).
    public mutating func deleteBackward() {
        if let range = selection {
            recordUndo(.other)
            removeText(in: range)
            return
        }
        guard cursor != .start else { return }
        recordUndo(.deletingBackward)
        let end = cursor
        moveLeftRaw()
        removeText(in: cursor..<end)
    }

    /// Deletes the selection, or the cluster after the cursor (joining lines at a line end).
    public mutating func deleteForward() {
        if let range = selection {
            recordUndo(.other)
            removeText(in: range)
            return
        }
        guard cursor != endPosition else { return }
        recordUndo(.deletingForward)
        let start = cursor
        let end = cursor.column < lines[cursor.line].count
            ? TextPosition(line: cursor.line, column: cursor.column + 1)
            : TextPosition(line: cursor.line + 1, column: 0)
        removeText(in: start..<end)
    }

    /// Removes the text in `range` and returns it (an undoable edit; used by kills and cuts).
    @discardableResult
    public mutating func cut(_ range: Range<TextPosition>) -> String {
        guard !range.isEmpty else { return "" }
        recordUndo(.other)
        let removed = text(in: range)
        removeText(in: range)
        return removed
    }

    // MARK: Internals (no undo recording)

    /// Inserts already-sanitized text at the cursor and moves the cursor after it.
    mutating func insertClean(_ clean: String) {
        var newLines = lines
        let line = lines[cursor.line]
        let before = String(line[..<cursor.column])
        let after = String(line[cursor.column...])
        let pieces = clean.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lastIndex = pieces.count - 1
        var replacement: [[Character]] = []
        for (index, piece) in pieces.enumerated() {
            var text = piece
            if index == 0 { text = before + text }
            if index == lastIndex { text += after }
            replacement.append(Array(text))
        }
        newLines.replaceSubrange(cursor.line...cursor.line, with: replacement)
        let headOfLast = (lastIndex == 0 ? before : "") + pieces[lastIndex]
        let newLine = cursor.line + lastIndex
        let column = min(Array(headOfLast).count, replacement[lastIndex].count)
        replaceLines(newLines)
        cursor = TextPosition(line: newLine, column: column)
        anchor = nil
        goalColumn = nil
    }

    mutating func removeText(in range: Range<TextPosition>) {
        let lower = clamp(range.lowerBound), upper = clamp(range.upperBound)
        guard lower < upper else { return }
        var newLines = lines
        let head = String(lines[lower.line][..<lower.column])
        let tail = String(lines[upper.line][upper.column...])
        let merged = Array(head + tail)
        newLines.replaceSubrange(lower.line...upper.line, with: [merged])
        replaceLines(newLines)
        cursor = TextPosition(line: lower.line, column: min(Array(head).count, merged.count))
        anchor = nil
        goalColumn = nil
    }

    private mutating func moveLeftRaw() {
        if cursor.column > 0 {
            cursor.column -= 1
        } else if cursor.line > 0 {
            cursor.line -= 1
            cursor.column = lines[cursor.line].count
        }
    }
}
