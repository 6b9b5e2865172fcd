/// What a cell's grapheme cluster becomes for ncurses, whose cell (`cchar_t`) holds one spacing
/// character and at most four combining ones, and which advances the cursor by wcwidth(3).
///
/// The layout model (`TerminalText.width(of:)`) gives a cluster the width a modern terminal
/// draws. To keep ncurses' cursor and the terminal's cursor on the same column, a cluster is
/// reduced to pieces whose wcwidths add up to exactly that width:
/// - variation selectors are dropped (ncurses gives VS16 no width, the terminal may give 2);
/// - an emoji ZWJ sequence keeps its first emoji; skin-tone modifiers (wcwidth 2) are dropped;
/// - a flag (two regional indicators, 1 + 1) becomes two pieces, which the terminal joins again;
/// - an orphan combining mark gets a space as its base; a code point the C library does not know
///   becomes "�"; what is left over is filled with spaces.
public struct CursesCellText: Equatable, Sendable {
    /// One ncurses cell: its scalars (spacing first) and the columns ncurses will advance.
    public struct Piece: Equatable, Sendable {
        public var scalars: [Unicode.Scalar]
        public var columns: Int
    }

    public static let maximumScalarsPerCell = 5

    public var pieces: [Piece]

    public init(cluster: Character, width: Int) {
        var pieces: [Piece] = []
        var used = 0
        for scalar in cluster.unicodeScalars {
            if scalar.value == 0xFE0E || scalar.value == 0xFE0F { continue }
            if scalar.value == 0x200D { break }
            var current = scalar
            var columns = TerminalText.scalarWidth(scalar)
            if columns < 0 {
                current = "\u{FFFD}"
                columns = 1
            }
            if columns == 0 {
                if pieces.isEmpty {
                    pieces.append(Piece(scalars: [" "], columns: 1))
                    used = 1
                }
                if pieces[pieces.count - 1].scalars.count < Self.maximumScalarsPerCell {
                    pieces[pieces.count - 1].scalars.append(current)
                }
                continue
            }
            let startsNewPiece = pieces.isEmpty
                || (TerminalText.isRegionalIndicator(current) && pieces.count == 1
                    && pieces[0].scalars.first.map(TerminalText.isRegionalIndicator) == true)
            guard startsNewPiece, used + columns <= width else { break }
            pieces.append(Piece(scalars: [current], columns: columns))
            used += columns
        }
        while used < width {
            pieces.append(Piece(scalars: [" "], columns: 1))
            used += 1
        }
        self.pieces = pieces
    }
}
