/// A place in a text: a line and a grapheme-cluster offset within it (0 = before the first).
public struct TextPosition: Hashable, Comparable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = TextPosition(line: 0, column: 0)

    public static func < (a: Self, b: Self) -> Bool {
        a.line != b.line ? a.line < b.line : a.column < b.column
    }
}
