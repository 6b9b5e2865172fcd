// The theme used when no theme file can be read. It has the colours of Themes/default.toml
// (a test keeps the two equal).

extension Theme {
    public static let fallback: Theme = {
        func hex(_ value: UInt32) -> TerminalColor {
            .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
        }
        let bg = hex(0x1C1F26), surface = hex(0x262A33), fg = hex(0xD5D9E0), dim = hex(0x7F8796)
        let border = hex(0x4A5160), accent = hex(0x6CB6FF), accent2 = hex(0xC792EA), green = hex(0x8FD17A)
        let yellow = hex(0xE5C07B), red = hex(0xEF6B73), selectionForeground = hex(0xFFFFFF)
        let selectionBackground = hex(0x33415C)
        func style(_ foreground: TerminalColor, _ background: TerminalColor = bg,
                   _ attributes: TextAttributes = []) -> ThemeStyle {
            ThemeStyle(foreground: foreground, background: background, attributes: attributes)
        }
        let styles: [UIRole: ThemeStyle] = [
            .background: style(fg), .text: style(fg), .dimText: style(dim), .border: style(border),
            .focusedBorder: style(accent, bg, .bold), .title: style(accent2, bg, .bold),
            .selection: style(selectionForeground, selectionBackground), .match: style(yellow, bg, .bold),
            .statusBar: style(fg, surface), .helpKey: style(accent, surface, .bold), .helpText: style(dim, surface),
            .sliderTrack: style(border), .sliderFill: style(accent), .sliderKnob: style(selectionForeground, bg, .bold),
            .progressFill: style(bg, accent), .progressTrack: style(fg, surface), .warning: style(yellow),
            .error: style(red, bg, .bold), .success: style(green), .editorCursor: style(bg, fg),
            .tokenCountOK: style(green), .tokenCountWarning: style(red, bg, .bold), .canvas: style(dim),
            .crop: style(yellow), .target: style(accent),
        ]
        return Theme(id: "default", name: "Default (dark)",
                     description: "Muted dark theme; the built-in fallback uses the same colours.", styles: styles)
    }()
}
