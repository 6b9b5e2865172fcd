/// A one-row bar filled to `fraction`, with a label centred on it. Cells of the done part use
/// the `progressFill` role, the rest `progressTrack`; label characters take the role of the
/// cell they sit on, so the theme keeps them readable on both parts.
public struct ProgressBar: Widget, Sendable {
    public var fraction: Double
    public var label: String

    public init(fraction: Double, label: String = "") {
        self.fraction = fraction
        self.label = label
    }

    /// Columns filled out of `width`, rounded down so that only a finished task looks full.
    public static func filledColumns(fraction: Double, width: Int) -> Int {
        guard fraction.isFinite, width > 0 else { return 0 }
        return Int((min(1, max(0, fraction)) * Double(width)).rounded(.down))
    }

    public func render(in area: Rect, buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let filled = Self.filledColumns(fraction: fraction, width: row.width)
        buffer.fill(Rect(x: row.x, y: row.y, width: filled, height: 1), role: .progressFill)
        buffer.fill(Rect(x: row.x + filled, y: row.y, width: row.width - filled, height: 1), role: .progressTrack)
        let text = TerminalText.truncated(TerminalText.sanitized(label), toWidth: row.width)
        let textWidth = TerminalText.width(of: text)
        var column = row.x + (row.width - textWidth) / 2
        for cluster in text {
            let role: UIRole = column < row.x + filled ? .progressFill : .progressTrack
            buffer.put(cluster, x: column, y: row.y, role: role, clip: row)
            column += TerminalText.width(of: cluster)
        }
    }
}
