/// Text as a terminal shows it: sanitizing untrusted strings, measuring display width in columns
/// and cutting or padding strings to a width without splitting grapheme clusters.
public enum TerminalText {
    /// How line breaks and tabs in a string are shown.
    public enum LineMode: Sendable, Equatable {
        /// Everything on one line: each line break becomes `lineBreakSymbol`, each tab a space.
        case singleLine
        /// Line breaks (LF, CRLF, CR, NEL, U+2028, U+2029) become "\n"; each tab a space.
        case multiLine
    }

    /// Shown where a line break was, in single-line mode ("⏎", U+23CE).
    public static let lineBreakSymbol: Character = "\u{23CE}"
    /// Shown in place of a lone control character, a noncharacter or an unpaired code ("�").
    public static let replacementSymbol: Character = "\u{FFFD}"
    /// Appended by `truncated` when text was cut ("…").
    public static let ellipsis: Character = "\u{2026}"
}
