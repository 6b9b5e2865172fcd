/// Everything that can go wrong in the terminal layer, each case saying what happened and what to do.
public enum TerminalUIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected, or run from a service).
    case notATerminal(stream: String)
    /// The terminal type is unknown to terminfo (ncurses' `newterm` failed for it).
    case unknownTerminal(name: String)
    /// A terminal operation failed (`operation` names the call).
    case terminalFailure(operation: String)
    /// A TOML-subset file is malformed at `line` (1-based; 0 when the problem is the whole file).
    case tomlSyntax(file: String, line: Int, message: String)
    /// A TOML-subset value has the wrong type or range for what the reader expects.
    case tomlValue(file: String, line: Int, key: String, message: String)
    /// A theme file is well-formed TOML but its content is not a valid theme.
    case invalidTheme(file: String, line: Int, message: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// libsixel reported a failure while encoding a picture.
    case sixelEncodingFailed(step: String, status: String)
    /// A key binding in text form could not be understood.
    case invalidKeyName(String)

    public var description: String {
        switch self {
        case .notATerminal(let stream):
            return "\(stream) is not a terminal: the interactive interface needs a TTY. "
                + "Run it in a terminal, or use the headless `generate` command for scripts and pipes."
        case .unknownTerminal(let name):
            return "the terminal type \"\(name)\" is not in the terminfo database. "
                + "Set TERM to a known type (for example TERM=xterm-256color) and try again."
        case .terminalFailure(let operation):
            return "the terminal refused \(operation). Check that TERM matches the terminal in use."
        case .tomlSyntax(let file, let line, let message):
            return "\(Self.location(file, line)): \(message)"
        case .tomlValue(let file, let line, let key, let message):
            return "\(Self.location(file, line)): key `\(key)`: \(message)"
        case .invalidTheme(let file, let line, let message):
            return "\(Self.location(file, line)): \(message). See sdxl-themes(5) for the file format."
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the file (\(reason)). Check that it exists and is readable."
        case .sixelEncodingFailed(let step, let status):
            return "sixel encoding failed in \(step): \(status). The preview falls back to half-block cells."
        case .invalidKeyName(let name):
            return "\"\(name)\" is not a key name; use forms like `F5`, `Ctrl-R`, `Shift-Tab`, `Ctrl-Up` or `?`."
        }
    }

    private static func location(_ file: String, _ line: Int) -> String {
        line > 0 ? "\(file):\(line)" : file
    }
}
