/// A colour as a terminal can be asked to show it.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case terminalDefault
    /// An entry of the xterm 256-colour palette; 0–7 are the basic colours, 8–15 the bright ones.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}
