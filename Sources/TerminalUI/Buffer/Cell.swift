/// One terminal cell: a grapheme cluster, the columns it spans and how it is styled.
///
/// A cluster two columns wide sits in its left cell (`width` 2); the cell to its right is a
/// continuation (`width` 0) that backends skip.
public struct Cell: Hashable, Sendable {
    public var symbol: Character
    /// 1 or 2 for a cell that starts a cluster, 0 for the right half of a wide cluster.
    public var width: UInt8
    public var role: UIRole
    /// Colours that replace the role's (used by pictures drawn with half blocks).
    public var foreground: TerminalColor?
    public var background: TerminalColor?

    public init(symbol: Character = " ", width: UInt8 = 1, role: UIRole = .background,
                foreground: TerminalColor? = nil, background: TerminalColor? = nil) {
        self.symbol = symbol
        self.width = width
        self.role = role
        self.foreground = foreground
        self.background = background
    }

    public static let blank = Cell()

    /// The right half of a wide cluster.
    static func continuation(role: UIRole, foreground: TerminalColor?, background: TerminalColor?) -> Cell {
        Cell(symbol: " ", width: 0, role: role, foreground: foreground, background: background)
    }

    public var isContinuation: Bool { width == 0 }
}
