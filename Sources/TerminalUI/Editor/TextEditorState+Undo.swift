// Undo and redo by snapshots of the text and cursor. A run of typing, or of deleting in one
// direction, is one undo step; any motion or other edit ends the run.

extension TextEditorState {
    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// Saves the state before an edit of `kind`, unless it continues the current run.
    mutating func recordUndo(_ kind: EditKind) {
        lastWasKill = false
        if kind.coalesces, lastEdit == kind, selection == nil { return }
        undoStack.append(Snapshot(lines: lines, cursor: cursor))
        if undoStack.count > Self.undoLimit { undoStack.removeFirst(undoStack.count - Self.undoLimit) }
        redoStack.removeAll()
        lastEdit = kind
    }

    public mutating func undo() {
        guard let previous = undoStack.popLast() else { return }
        redoStack.append(Snapshot(lines: lines, cursor: cursor))
        restore(previous)
    }

    public mutating func redo() {
        guard let next = redoStack.popLast() else { return }
        undoStack.append(Snapshot(lines: lines, cursor: cursor))
        restore(next)
    }

    private mutating func restore(_ snapshot: Snapshot) {
        replaceLines(snapshot.lines)
        cursor = clamp(snapshot.cursor)
        anchor = nil
        goalColumn = nil
        lastEdit = nil
        lastWasKill = false
    }
}
