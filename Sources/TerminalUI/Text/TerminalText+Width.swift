// Display width of grapheme clusters and strings, and fitting text to a width.

extension TerminalText {
    /// Columns one grapheme cluster occupies in a modern terminal. The cluster's first scalar
    /// decides (wcwidth), so combining marks, joiners and the rest of an emoji ZWJ sequence add
    /// nothing; a text-default emoji followed by VS16 (U+FE0F) and a pair of regional indicators
    /// (a flag) take 2. Every non-empty cluster takes at least one column, so that an orphan
    /// combining mark or an unknown code point still shows as a visible cell.
    public static func width(of cluster: Character) -> Int {
        let scalars = cluster.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isRegionalIndicator(first) {
            return scalars.dropFirst().contains(where: isRegionalIndicator) ? 2 : 1
        }
        let base = scalarWidth(first)
        if base >= 2 { return 2 }
        if scalars.contains("\u{FE0F}"), first.properties.isEmoji { return 2 }
        return 1
    }

    /// Columns of a whole string: the sum over its grapheme clusters.
    public static func width(of text: String) -> Int {
        var total = 0
        for cluster in text { total += width(of: cluster) }
        return total
    }

    /// The longest prefix of `text` that fits in `width` columns, never splitting a cluster.
    /// When text was cut and `ellipsis` is set, the prefix ends with "…" within the width.
    public static func truncated(_ text: String, toWidth width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        if self.width(of: text) <= width { return text }
        let budget = ellipsis ? width - 1 : width
        var result = ""
        var used = 0
        for cluster in text {
            let columns = self.width(of: cluster)
            if used + columns > budget { break }
            result.append(cluster)
            used += columns
        }
        if ellipsis { result.append(Self.ellipsis) }
        return result
    }

    /// Where padding goes when text is narrower than the target width.
    public enum Alignment: Sendable, Equatable {
        case left, center, right
    }

    /// `text` cut to `width` (with "…" when cut) and padded with spaces to exactly `width` columns.
    /// A wide cluster that would cross the end is replaced by spaces, so the result is exact.
    public static func fitted(_ text: String, toWidth width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let cut = truncated(text, toWidth: width)
        let missing = width - self.width(of: cut)
        guard missing > 0 else { return cut }
        switch alignment {
        case .left:
            return cut + String(repeating: " ", count: missing)
        case .right:
            return String(repeating: " ", count: missing) + cut
        case .center:
            let left = missing / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: missing - left)
        }
    }

    /// Splits `text` into lines of at most `width` columns, breaking after spaces where possible
    /// and inside words only when a word alone is wider than the line. Explicit "\n" breaks stay.
    public static func wrapped(_ text: String, toWidth width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(contentsOf: wrapParagraph(String(paragraph), width: width))
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in words(of: paragraph) {
            let wordWidth = self.width(of: word)
            if lineWidth + wordWidth <= width {
                line += word
                lineWidth += wordWidth
                continue
            }
            let trimmedWord = word.drop(while: { $0 == " " })
            if lineWidth > 0 {
                lines.append(trimTrailingSpaces(line))
                line = ""
                lineWidth = 0
            }
            var piece = ""
            var pieceWidth = 0
            for cluster in trimmedWord {
                let columns = self.width(of: cluster)
                if pieceWidth + columns > width, pieceWidth > 0 {
                    lines.append(piece)
                    piece = ""
                    pieceWidth = 0
                }
                piece.append(cluster)
                pieceWidth += columns
            }
            line = piece
            lineWidth = pieceWidth
        }
        lines.append(trimTrailingSpaces(line))
        return lines
    }

    /// Words with their leading spaces attached: "a bc  d" → ["a", " bc", "  d"].
    private static func words(of text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inSpaces = false
        for cluster in text {
            if cluster == " " {
                if !inSpaces, !current.isEmpty, current.last != " " {
                    result.append(current)
                    current = ""
                }
                inSpaces = true
                current.append(cluster)
            } else {
                inSpaces = false
                current.append(cluster)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    private static func trimTrailingSpaces(_ text: String) -> String {
        var result = text
        while result.last == " " { result.removeLast() }
        return result
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }
}
