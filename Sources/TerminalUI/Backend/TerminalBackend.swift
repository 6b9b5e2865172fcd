/// The size of a terminal in cells.
public struct TerminalSize: Hashable, Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
    }
}

/// Where a frame goes: a real terminal (ncurses) or a test double that keeps the frame as lines.
public protocol TerminalBackend {
    var size: TerminalSize { get }
    /// Shows `buffer` with `theme`'s colours.
    mutating func draw(_ buffer: CellBuffer, theme: Theme) throws(TerminalUIError)
    /// The next key, waiting at most `timeoutMilliseconds` (negative: wait forever).
    mutating func readKey(timeoutMilliseconds: Int) -> Key?
    /// Bytes written straight to the terminal after the last frame (a sixel picture); they are
    /// not part of the cell model.
    mutating func writeRaw(_ bytes: [UInt8])
}
