import TerminalUI

extension StudioView {
    /// Every key of the TUI with what it does, for the help overlay (and the man page's list).
    public static let helpLines: [(keys: String, words: String)] = [
        ("F5, Ctrl-R", "generate with the current settings (enqueue)"),
        ("Esc", "cancel the running job"),
        ("Tab, Shift-Tab", "next / previous panel"),
        ("F1, ?", "this help (? outside an editor)"),
        ("Ctrl-S", "save the settings as a preset"),
        ("Ctrl-P", "pick a preset"),
        ("F6", "compare view: base and refined side by side"),
        ("F7", "swap the two sides of the compare view"),
        ("Ctrl-T", "pick a theme"),
        ("F3", "show or hide the second encoder's prompts"),
        ("Ctrl-Up, Ctrl-Down", "earlier / later prompt (in the prompt)"),
        ("Ctrl-Q", "quit (asks while jobs are queued)"),
        ("editor", "arrows, Ctrl-←/→ words, Home/End, Ctrl-Z/Ctrl-Y undo/redo"),
        ("", "Ctrl-X cut, Alt-W copy, Ctrl-V paste, Ctrl-K/Ctrl-U kill line"),
        ("settings", "↑/↓ row, ←/→ fine, Shift-←/→ or PgUp/PgDn coarse"),
        ("", "digits type a value (Enter sets it), Space cycles a choice"),
        ("", "x swaps width and height, Backspace makes a size automatic"),
        ("jobs", "↑/↓ select, Enter open, d cancel, J/K move, f follow"),
    ]

    func renderOverlay(in screen: Rect, buffer: inout CellBuffer) {
        guard let overlay = state.overlay else { return }
        switch overlay {
        case .help:
            let area = screen.centered(width: 76, height: Self.helpLines.count + 4)
            let block = Block(title: "Keys", footer: [Span(" any key closes ", role: .dimText)], isFocused: true)
            block.render(in: area, buffer: &buffer)
            let inner = block.inner(area)
            for (index, line) in Self.helpLines.enumerated() where index < inner.height {
                let parts = inner.row(index).split(.horizontal, [.length(20), .fill(1)])
                Label(line.keys, role: .helpKey).render(in: parts[0], buffer: &buffer)
                Label(line.words, role: .helpText).render(in: parts[1], buffer: &buffer)
            }
        case .presetPicker(var picker), .themePicker(var picker):
            let title: String
            if case .presetPicker = overlay { title = "Presets" } else { title = "Themes" }
            let area = screen.centered(width: 50, height: min(18, screen.height - 2))
            FuzzyPicker(title: title).render(in: area, buffer: &buffer, state: &picker)
        case .savePreset(var editor):
            let area = screen.centered(width: 50, height: 3)
            let block = Block(title: "Save preset as", footer: [Span(" ⏎ save · Esc cancel ", role: .dimText)], isFocused: true)
            block.render(in: area, buffer: &buffer)
            TextEditor(isFocused: true, placeholder: "name").render(in: block.inner(area), buffer: &buffer, state: &editor)
        case .confirmQuit:
            let area = screen.centered(width: 46, height: 4)
            let block = Block(title: "Quit?", isFocused: true)
            block.render(in: area, buffer: &buffer)
            let inner = block.inner(area)
            Label("Jobs are still queued or running.", role: .warning).render(in: inner.row(0), buffer: &buffer)
            Label("y quits and cancels them; any other key stays.", role: .text).render(in: inner.row(1), buffer: &buffer)
        }
    }
}
