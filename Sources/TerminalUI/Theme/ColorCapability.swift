/// How many colours a terminal can show.
public enum ColorCapability: Hashable, Sendable, Comparable {
    /// No colour at all: only attributes (bold, reverse…).
    case monochrome
    /// The 8 basic ANSI colours.
    case palette8
    /// The 8 basic colours and their bright forms.
    case palette16
    /// The xterm 256-colour palette.
    case palette256
    /// Any 24-bit colour (terminfo `RGB` flag, direct colour).
    case trueColor

    /// The capability for an ncurses `COLORS` value and terminfo's `RGB` flag.
    public static func from(colors: Int, hasColors: Bool, directColor: Bool) -> ColorCapability {
        guard hasColors, colors >= 8 else { return .monochrome }
        if directColor || colors >= 0x100_0000 { return .trueColor }
        if colors >= 256 { return .palette256 }
        if colors >= 16 { return .palette16 }
        return .palette8
    }
}
