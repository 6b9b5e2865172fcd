// Editor keys. Motions: arrows (Shift selects), Ctrl-Left/Right and Alt-b/Alt-f by word,
// Home/End and Ctrl-A/Ctrl-E line ends, Ctrl-Home/Ctrl-End text ends. Editing: Backspace,
// Delete, Enter (multi-line only), Ctrl-W and Alt-Backspace kill the word before, Alt-d the
// word after, Ctrl-K to the line end, Ctrl-U to the line start. Clipboard: Ctrl-X cut,
// Alt-w or Alt-c copy, Ctrl-V paste. Ctrl-Z undo, Ctrl-Y redo. Everything else (Tab, Esc,
// Ctrl-Up/Down for the history, the application's Ctrl keys) is left to the caller.

extension TextEditorState {
    /// Applies `key`; returns false when the editor has no use for it.
    public mutating func handle(_ key: Key, clipboard: inout KillRing) -> Bool {
        let shift = key.modifiers.contains(.shift)
        let plain = key.modifiers.subtracting(.shift)
        switch (key.code, plain) {
        case (.left, []): moveLeft(extendingSelection: shift)
        case (.right, []): moveRight(extendingSelection: shift)
        case (.up, []): moveUp(extendingSelection: shift)
        case (.down, []): moveDown(extendingSelection: shift)
        case (.left, .control), (.character("b"), .alt): moveWordLeft(extendingSelection: shift)
        case (.right, .control), (.character("f"), .alt): moveWordRight(extendingSelection: shift)
        case (.home, []), (.character("a"), .control): moveToLineStart(extendingSelection: shift)
        case (.end, []), (.character("e"), .control): moveToLineEnd(extendingSelection: shift)
        case (.home, .control): moveToStart(extendingSelection: shift)
        case (.end, .control): moveToEnd(extendingSelection: shift)
        case (.backspace, []): deleteBackward()
        case (.delete, []): deleteForward()
        case (.enter, []):
            guard isMultiLine else { return false }
            insertNewline()
        case (.character("w"), .control), (.backspace, .alt): killWordBackward(into: &clipboard)
        case (.character("d"), .alt): killWordForward(into: &clipboard)
        case (.character("k"), .control): killToLineEnd(into: &clipboard)
        case (.character("u"), .control): killToLineStart(into: &clipboard)
        case (.character("x"), .control): cutSelection(to: &clipboard)
        case (.character("w"), .alt), (.character("c"), .alt): copySelection(to: &clipboard)
        case (.character("v"), .control): paste(from: clipboard)
        case (.character("z"), .control): undo()
        case (.character("y"), .control): redo()
        case (.character(let character), []):
            insert(String(character))
        default:
            return false
        }
        return true
    }
}
