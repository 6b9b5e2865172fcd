/// A backend for tests: frames are kept and shown as lines of text (and, if asked, lines of
/// role letters), keys come from a queue. Nothing touches a terminal.
public struct TestBackend: TerminalBackend {
    public var size: TerminalSize
    public private(set) var buffer: CellBuffer
    public private(set) var lastTheme: Theme?
    public private(set) var frameCount = 0
    public private(set) var rawOutput: [[UInt8]] = []
    /// Keys `readKey` hands out, first first.
    public var pendingKeys: [Key] = []

    public init(columns: Int, rows: Int) {
        size = TerminalSize(columns: columns, rows: rows)
        buffer = CellBuffer(width: columns, height: rows)
    }

    public mutating func draw(_ buffer: CellBuffer, theme: Theme) throws(TerminalUIError) {
        self.buffer = buffer
        lastTheme = theme
        frameCount += 1
    }

    public mutating func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public mutating func writeRaw(_ bytes: [UInt8]) {
        rawOutput.append(bytes)
    }

    /// The last frame as text.
    public var lines: [String] { Self.lines(of: buffer) }

    /// Each row as a string: wide clusters once (their continuation cells add nothing), so every
    /// line has the buffer's width in display columns.
    public static func lines(of buffer: CellBuffer) -> [String] {
        (0..<buffer.height).map { y in
            var line = ""
            for x in 0..<buffer.width where !buffer[x, y].isContinuation {
                line.append(buffer[x, y].symbol)
            }
            return line
        }
    }

    /// Each row as one legend character per column, naming the role of that column's cell
    /// ("?" for roles missing from the legend).
    public static func roleLines(of buffer: CellBuffer, legend: [UIRole: Character] = defaultLegend) -> [String] {
        (0..<buffer.height).map { y in
            String((0..<buffer.width).map { x in legend[buffer[x, y].role] ?? "?" })
        }
    }

    /// "." background, "t" text, "d" dim text, "b" border, "B" focused border, "T" title,
    /// "s" selection, "m" match, "S" status bar, "k" help key, "h" help text, "-" slider track,
    /// "=" slider fill, "o" slider knob, "#" progress fill, "_" progress track, "w" warning,
    /// "e" error, "+" success, "c" editor cursor, "n" token ok, "N" token warning, "C" canvas,
    /// "r" crop, "g" target.
    public static let defaultLegend: [UIRole: Character] = [
        .background: ".", .text: "t", .dimText: "d", .border: "b", .focusedBorder: "B", .title: "T",
        .selection: "s", .match: "m", .statusBar: "S", .helpKey: "k", .helpText: "h",
        .sliderTrack: "-", .sliderFill: "=", .sliderKnob: "o", .progressFill: "#", .progressTrack: "_",
        .warning: "w", .error: "e", .success: "+", .editorCursor: "c", .tokenCountOK: "n",
        .tokenCountWarning: "N", .canvas: "C", .crop: "r", .target: "g",
    ]
}
