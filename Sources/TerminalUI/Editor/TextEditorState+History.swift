// Walking through `history`: back shows older entries, forward newer ones and finally the draft
// that was being written when the walk began. Each step is an undoable edit.

extension TextEditorState {
    /// Shows the entry before the current one. Returns false at the oldest entry or when the
    /// history is empty.
    @discardableResult
    public mutating func recallPrevious() -> Bool {
        guard !history.entries.isEmpty else { return false }
        let target: Int
        if let position = history.position {
            guard position > 0 else { return false }
            target = position - 1
        } else {
            history.draft = text
            target = history.entries.count - 1
        }
        history.position = target
        setText(history.entries[target])
        return true
    }

    /// Shows the next newer entry, or the draft after the newest. Returns false when already
    /// editing the draft.
    @discardableResult
    public mutating func recallNext() -> Bool {
        guard let position = history.position else { return false }
        if position + 1 < history.entries.count {
            history.position = position + 1
            setText(history.entries[position + 1])
        } else {
            history.position = nil
            setText(history.draft)
        }
        return true
    }

    /// Records the current text as the newest history entry (after sending it, for example).
    public mutating func commitToHistory() {
        history.add(text)
    }
}
