/// One row: the label, a track filled up to the value with a knob, and the value (or the number
/// being typed, followed by a block cursor).
///
///     Steps      ━━━━━━━━━━●──────────  30
public struct Slider: Widget, Sendable {
    public var label: String
    public var labelWidth: Int
    public var valueWidth: Int
    public var state: SliderState
    public var isFocused: Bool

    public init(label: String, state: SliderState, labelWidth: Int = 10, valueWidth: Int = 8, isFocused: Bool = false) {
        self.label = label
        self.state = state
        self.labelWidth = labelWidth
        self.valueWidth = valueWidth
        self.isFocused = isFocused
    }

    /// The knob's column inside a track of `width` cells.
    public static func knobColumn(fraction: Double, width: Int) -> Int {
        guard width > 1, fraction.isFinite else { return 0 }
        return Int((min(1, max(0, fraction)) * Double(width - 1)).rounded())
    }

    public func render(in area: Rect, buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        let labelColumns = min(labelWidth, row.width)
        let valueColumns = min(valueWidth, max(0, row.width - labelColumns))
        let parts = row.split(.horizontal, [.length(labelColumns), .fill(1), .length(valueColumns)])
        Label(label, role: isFocused ? .title : .text).render(in: parts[0], buffer: &buffer)

        let track = parts[1].inset(by: Margin(top: 0, right: 1, bottom: 0, left: 0))
        if !track.isEmpty {
            let knob = Self.knobColumn(fraction: state.fraction, width: track.width)
            for offset in 0..<track.width {
                let (symbol, role): (Character, UIRole) =
                    offset < knob ? ("━", .sliderFill) : offset == knob ? ("●", .sliderKnob) : ("─", .sliderTrack)
                buffer.put(symbol, x: track.x + offset, y: track.y, role: role)
            }
        }

        if state.isEntering {
            let text = TerminalText.truncated(state.displayText, toWidth: max(0, valueColumns - 1), ellipsis: false)
            let used = buffer.write(text, x: parts[2].x, y: row.y, role: .text, clip: parts[2])
            buffer.put("█", x: parts[2].x + used, y: row.y, role: .editorCursor, clip: parts[2])
        } else {
            Label(state.displayText, role: .text, alignment: .right).render(in: parts[2], buffer: &buffer)
        }
    }
}
