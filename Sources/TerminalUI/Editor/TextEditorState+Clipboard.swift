// Cut, copy and paste through the application's kill ring, and Emacs-style kills: consecutive
// kills join into one ring entry, so Ctrl-K Ctrl-K takes a line and its line break together.

extension TextEditorState {
    /// Moves the selection to the ring. Returns false when nothing is selected.
    @discardableResult
    public mutating func cutSelection(to ring: inout KillRing) -> Bool {
        guard let range = selection else { return false }
        ring.push(cut(range))
        return true
    }

    /// Copies the selection to the ring and keeps it selected. Returns false without a selection.
    @discardableResult
    public mutating func copySelection(to ring: inout KillRing) -> Bool {
        guard let copied = selectedText else { return false }
        ring.push(copied)
        lastWasKill = false
        return true
    }

    /// Inserts the ring's newest entry (replacing the selection).
    public mutating func paste(from ring: KillRing) {
        guard let text = ring.latest else { return }
        recordUndo(.other)
        if let range = selection { removeText(in: range) }
        insertClean(Self.clean(text, multiLine: isMultiLine))
    }

    /// Kills to the end of the line; at the end of a line, kills the line break.
    public mutating func killToLineEnd(into ring: inout KillRing) {
        let end = cursor.column < lines[cursor.line].count
            ? TextPosition(line: cursor.line, column: lines[cursor.line].count)
            : (cursor.line < lines.count - 1 ? TextPosition(line: cursor.line + 1, column: 0) : cursor)
        kill(cursor..<end, backwards: false, into: &ring)
    }

    /// Kills from the start of the line to the cursor.
    public mutating func killToLineStart(into ring: inout KillRing) {
        kill(TextPosition(line: cursor.line, column: 0)..<cursor, backwards: true, into: &ring)
    }

    /// Kills from the start of the previous word to the cursor.
    public mutating func killWordBackward(into ring: inout KillRing) {
        kill(wordStart(before: cursor)..<cursor, backwards: true, into: &ring)
    }

    /// Kills from the cursor to the end of the next word.
    public mutating func killWordForward(into ring: inout KillRing) {
        kill(cursor..<wordEnd(after: cursor), backwards: false, into: &ring)
    }

    private mutating func kill(_ range: Range<TextPosition>, backwards: Bool, into ring: inout KillRing) {
        let joining = lastWasKill
        guard !range.isEmpty else { return }
        ring.push(cut(range), joining: joining, backwards: backwards)
        lastWasKill = true
    }
}
