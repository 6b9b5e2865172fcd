/// A screen's worth of cells that widgets draw into and backends show.
///
/// Every string written goes through `TerminalText.sanitized` first, so no control character
/// ever reaches a cell. Wide clusters keep their continuation cell; overwriting half of a wide
/// cluster turns the other half into a space, as a terminal would.
public struct CellBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown after drawing; nil hides it.
    public var cursor: CursorPosition?

    public struct CursorPosition: Hashable, Sendable {
        public var x: Int
        public var y: Int
        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
    }

    public init(width: Int, height: Int, role: UIRole = .background) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(role: role), count: self.width * self.height)
    }

    /// The whole buffer as a rect at the origin.
    public var area: Rect { Rect(width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) outside \(width)x\(height)")
        return cells[y * width + x]
    }

    /// Places one cluster at (`x`, `y`). Nothing happens outside the buffer or `clip`; a wide
    /// cluster with only one column left inside becomes a space.
    public mutating func put(_ cluster: Character, x: Int, y: Int, role: UIRole, clip: Rect? = nil,
                             foreground: TerminalColor? = nil, background: TerminalColor? = nil) {
        let bounds = clip.map { $0.intersection(area) } ?? area
        guard bounds.contains(x: x, y: y) else { return }
        var symbol = Self.displayable(cluster)
        var columns = TerminalText.width(of: symbol)
        if columns == 2, x + 1 >= bounds.maxX {
            symbol = " "
            columns = 1
        }
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(role: cells[index - 1].role, foreground: cells[index - 1].foreground,
                                    background: cells[index - 1].background)
        }
        if cells[index].width == 2, columns == 1, x + 1 < width {
            cells[index + 1] = Cell(role: cells[index + 1].role, foreground: cells[index + 1].foreground,
                                    background: cells[index + 1].background)
        }
        if columns == 2 {
            if cells[index + 1].width == 2, x + 2 < width {
                cells[index + 2] = Cell(role: cells[index + 2].role, foreground: cells[index + 2].foreground,
                                        background: cells[index + 2].background)
            }
            cells[index + 1] = .continuation(role: role, foreground: foreground, background: background)
        }
        cells[index] = Cell(symbol: symbol, width: UInt8(columns), role: role,
                            foreground: foreground, background: background)
    }

    /// `cluster` if the sanitizer keeps it whole, else its sanitized first cluster or "�".
    static func displayable(_ cluster: Character) -> Character {
        if let ascii = cluster.asciiValue, ascii >= 0x20, ascii < 0x7F { return cluster }
        let cleaned = TerminalText.sanitized(String(cluster), mode: .singleLine)
        if cleaned.count == 1, let only = cleaned.first { return only }
        return cleaned.first ?? TerminalText.replacementSymbol
    }

    /// Writes `text` (sanitized for one line) from (`x`, `y`) rightwards, clipped to `clip` and
    /// the buffer. Returns the number of columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: UIRole, clip: Rect? = nil) -> Int {
        let bounds = clip.map { $0.intersection(area) } ?? area
        guard y >= bounds.y, y < bounds.maxY else { return 0 }
        var column = x
        for cluster in TerminalText.sanitized(text, mode: .singleLine) {
            guard column < bounds.maxX else { break }
            let columns = TerminalText.width(of: cluster)
            if column >= bounds.x {
                put(cluster, x: column, y: y, role: role, clip: bounds)
            }
            column += columns
        }
        return max(0, min(column, bounds.maxX) - x)
    }

    /// Writes spans one after another; returns the columns used.
    @discardableResult
    public mutating func write(_ spans: [Span], x: Int, y: Int, clip: Rect? = nil) -> Int {
        var column = x
        for span in spans {
            column += write(span.text, x: column, y: y, role: span.role, clip: clip)
        }
        return column - x
    }

    /// Fills `rect` (clipped to the buffer) with `symbol` in `role`.
    public mutating func fill(_ rect: Rect, symbol: Character = " ", role: UIRole) {
        let target = rect.intersection(area)
        guard !target.isEmpty else { return }
        let columns = TerminalText.width(of: symbol)
        for y in target.y..<target.maxY {
            var x = target.x
            while x < target.maxX {
                put(symbol, x: x, y: y, role: role, clip: target)
                x += columns
            }
        }
    }

    /// Changes the role of every cell in `rect`, keeping the symbols.
    public mutating func setRole(_ role: UIRole, in rect: Rect) {
        let target = rect.intersection(area)
        guard !target.isEmpty else { return }
        for y in target.y..<target.maxY {
            for x in target.x..<target.maxX {
                cells[y * width + x].role = role
            }
        }
    }

    /// Sets explicit colours on one cell, keeping its symbol and role.
    public mutating func setColors(x: Int, y: Int, foreground: TerminalColor?, background: TerminalColor?) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        cells[y * width + x].foreground = foreground
        cells[y * width + x].background = background
    }
}
