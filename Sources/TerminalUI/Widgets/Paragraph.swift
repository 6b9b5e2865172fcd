/// Multi-line text, wrapped to its rect's width (or cut, without wrapping), scrolled by whole
/// lines. Line breaks in the text are kept; everything else is sanitized.
public struct Paragraph: Widget, Sendable {
    public var text: String
    public var role: UIRole
    public var wraps: Bool
    public var alignment: TerminalText.Alignment
    /// Lines skipped at the top.
    public var scroll: Int

    public init(_ text: String, role: UIRole = .text, wraps: Bool = true,
                alignment: TerminalText.Alignment = .left, scroll: Int = 0) {
        self.text = text
        self.role = role
        self.wraps = wraps
        self.alignment = alignment
        self.scroll = scroll
    }

    /// The lines as they will be shown at `width`, before scrolling.
    public func lines(width: Int) -> [String] {
        let clean = TerminalText.sanitized(text, mode: .multiLine)
        if wraps { return TerminalText.wrapped(clean, toWidth: width) }
        return clean.split(separator: "\n", omittingEmptySubsequences: false).map {
            TerminalText.truncated(String($0), toWidth: width)
        }
    }

    public func render(in area: Rect, buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let shown = lines(width: area.width).dropFirst(max(0, scroll)).prefix(area.height)
        for (offset, line) in shown.enumerated() {
            Label(line, role: role, alignment: alignment).render(in: area.row(offset), buffer: &buffer)
        }
    }
}
