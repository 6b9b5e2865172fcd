// The terminal backend over ncursesw: the only Swift file that imports CNCurses.
//
// Start-up order matters: check that both streams are terminals, pick a UTF-8 locale (else
// wide characters vanish), then `newterm` (not `initscr`, which exits the process on an
// unknown TERM). The terminal is restored by `shutdown()`, by `deinit`, and — for signals —
// by a C handler that only writes bytes prepared here and puts back the saved terminal modes.

import CNCurses
#if canImport(Glibc)
import Glibc
#endif
import Foundation

public final class NCursesBackend: TerminalBackend {
    public let capability: ColorCapability
    private let screen: OpaquePointer
    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFile: UnsafeMutablePointer<FILE>
    private let outputDescriptor: Int32
    private var pairs: [PairKey: Int32] = [:]
    private var preparedTheme: (source: Theme, degraded: Theme)?
    private var degradedOverrides: [TerminalColor: TerminalColor] = [:]
    private var isShutDown = false

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// How long after ESC another byte still counts as part of the same key (Alt-x, arrows).
    public static let escapeDelayMilliseconds: Int32 = 25

    /// Takes over the terminal on `inputDescriptor`/`outputDescriptor` (standard input and
    /// output by default). `terminalName` overrides $TERM.
    public init(inputDescriptor: Int32 = STDIN_FILENO, outputDescriptor: Int32 = STDOUT_FILENO,
                terminalName: String? = nil) throws(TerminalUIError) {
        guard isatty(inputDescriptor) == 1 else { throw .notATerminal(stream: "standard input") }
        guard isatty(outputDescriptor) == 1 else { throw .notATerminal(stream: "standard output") }
        let name = terminalName ?? ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !name.isEmpty else { throw .unknownTerminal(name: "(TERM is not set)") }
        Self.selectUTF8Locale()

        var savedModes = termios()
        let haveModes = tcgetattr(outputDescriptor, &savedModes) == 0

        // Private duplicates, so closing the FILE streams never closes the caller's descriptors.
        let inputCopy = dup(inputDescriptor), outputCopy = dup(outputDescriptor)
        guard inputCopy >= 0, outputCopy >= 0,
              let input = fdopen(inputCopy, "r"), let output = fdopen(outputCopy, "w") else {
            throw .terminalFailure(operation: "opening the terminal streams")
        }
        guard let screen = name.withCString({ newterm($0, output, input) }) else {
            fclose(input)
            fclose(output)
            throw .unknownTerminal(name: name)
        }
        self.screen = screen
        self.inputFile = input
        self.outputFile = output
        self.outputDescriptor = outputDescriptor
        set_term(screen)

        // raw, not cbreak: Ctrl-S, Ctrl-Q, Ctrl-Z and Ctrl-C reach the program as keys.
        raw()
        noecho()
        nonl()
        keypad(sdxl_stdscr(), true)
        for (sequence, code) in CursesKeyCode.fallbackSequences where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
        set_escdelay(Self.escapeDelayMilliseconds)
        curs_set(0)

        var hasColors = false
        if has_colors() {
            start_color()
            use_default_colors()
            hasColors = true
        }
        let directColor = "RGB".withCString { tigetflag($0) } > 0
        capability = ColorCapability.from(colors: Int(sdxl_colors()), hasColors: hasColors, directColor: directColor)

        let restore = Self.restoreBytes()
        restore.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if haveModes {
                    _ = sdxl_restore_install(outputDescriptor, chars.baseAddress, Int32(chars.count), &savedModes)
                } else {
                    _ = sdxl_restore_install(outputDescriptor, chars.baseAddress, Int32(chars.count), nil)
                }
            }
        }
    }

    deinit {
        shutdown()
    }

    /// Gives the terminal back: leaves the alternate screen, shows the cursor, restores modes.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        set_term(screen)
        endwin()
        delscreen(screen)
        fclose(inputFile)
        fclose(outputFile)
        sdxl_restore_uninstall()
    }

    /// setlocale(LC_ALL, "") as ncurses needs; if the user's locale is not UTF-8 (LANG unset,
    /// "C"), character handling switches to C.UTF-8 so wide characters still work.
    static func selectUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        if codeset != "UTF-8" && codeset != "UTF8" {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "C.utf8") }
        }
    }

    /// What the signal handler writes: leave the alternate screen, normal cursor, no
    /// attributes, keypad off (terminfo rmcup, cnorm, sgr0, rmkx), and the cursor shown.
    static func restoreBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let value = capability.withCString({ sdxl_tigetstr($0) }) else { continue }
            bytes.append(contentsOf: Array(String(cString: value).utf8))
        }
        bytes.append(contentsOf: Array("\u{1B}[?25h".utf8))
        return Array(bytes.prefix(500))
    }

    // MARK: TerminalBackend

    public var size: TerminalSize {
        let window = sdxl_stdscr()
        return TerminalSize(columns: Int(sdxl_getmaxx(window)), rows: Int(sdxl_getmaxy(window)))
    }

    public func draw(_ buffer: CellBuffer, theme: Theme) throws(TerminalUIError) {
        let window = sdxl_stdscr()
        let visible = size
        let styled = prepared(theme)
        let backgroundStyle = styled[.background]
        for y in 0..<min(buffer.height, visible.rows) {
            for x in 0..<min(buffer.width, visible.columns) {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                var style = styled.style(for: cell)
                if cell.foreground != nil { style.foreground = degraded(style.foreground) }
                if cell.background != nil { style.background = degraded(style.background) }
                let (attributes, pair) = cursesStyle(style, background: backgroundStyle)
                var column = x
                for piece in CursesCellText(cluster: cell.symbol, width: Int(cell.width)).pieces {
                    guard column < visible.columns else { break }
                    var characters = piece.scalars.map { wchar_t(bitPattern: $0.value) }
                    _ = sdxl_put_cell(window, Int32(y), Int32(column), &characters, Int32(characters.count),
                                      attributes, pair)
                    column += piece.columns
                }
            }
        }
        if let cursor = buffer.cursor, cursor.x < visible.columns, cursor.y < visible.rows {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        guard wnoutrefresh(window) != ERR, doupdate() != ERR else {
            throw .terminalFailure(operation: "refreshing the screen")
        }
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        let window = sdxl_stdscr()
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        guard let first = readInput(window) else { return nil }
        let key = KeyDecoder.decode(first, keyName: Self.keyName)
        // ESC followed at once by another key is that key with Alt.
        if key == Key(.escape) {
            wtimeout(window, 0)
            if let next = readInput(window), var altered = KeyDecoder.decode(next, keyName: Self.keyName),
               altered != Key(.escape) {
                altered.modifiers.insert(Key.Modifiers.alt)
                return altered
            }
        }
        return key
    }

    public func writeRaw(_ bytes: [UInt8]) {
        fflush(outputFile)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(outputDescriptor, $0.baseAddress, $0.count) }
            if written <= 0 {
                if written < 0, errno == EINTR { continue }
                break
            }
            offset += written
        }
    }

    /// Makes ncurses send `rows` again in full on the next draw (after a picture drawn over
    /// them outside ncurses was removed).
    public func invalidate(_ rect: Rect) {
        guard !rect.isEmpty else { return }
        wredrawln(sdxl_stdscr(), Int32(rect.y), Int32(rect.height))
    }

    /// The size of one cell in pixels as the terminal reports it (TIOCGWINSZ), if it does.
    public var cellPixelSize: (width: Int, height: Int)? {
        var columns: Int32 = 0, rows: Int32 = 0, width: Int32 = 0, height: Int32 = 0
        guard sdxl_window_size(outputDescriptor, &columns, &rows, &width, &height) == 0,
              columns > 0, rows > 0, width > 0, height > 0 else { return nil }
        return (Int(width / columns), Int(height / rows))
    }

    // MARK: Internals

    private func readInput(_ window: UnsafeMutablePointer<WINDOW>?) -> CursesInput? {
        var value: UInt32 = 0
        switch sdxl_wget_wch(window, &value) {
        case OK: return .character(value)
        case KEY_CODE_YES: return .keyCode(Int32(bitPattern: value))
        default: return nil
        }
    }

    private static func keyName(_ code: Int32) -> String? {
        guard let name = keyname(code) else { return nil }
        return String(cString: name)
    }

    private func prepared(_ theme: Theme) -> Theme {
        if let cached = preparedTheme, cached.source == theme { return cached.degraded }
        let degraded = theme.degraded(to: capability)
        preparedTheme = (theme, degraded)
        return degraded
    }

    private func degraded(_ color: TerminalColor) -> TerminalColor {
        if let known = degradedOverrides[color] { return known }
        let result = color.degraded(to: capability)
        if degradedOverrides.count > 65_536 { degradedOverrides.removeAll() }
        degradedOverrides[color] = result
        return result
    }

    /// ncurses attributes and colour pair for `style`. Without colours, roles whose background
    /// differs from the screen's (selection, status bar, cursor…) are shown reversed.
    private func cursesStyle(_ style: ThemeStyle, background: ThemeStyle) -> (attr_t, Int32) {
        var attributes = sdxl_a_normal()
        if style.attributes.contains(.bold) { attributes |= sdxl_a_bold() }
        if style.attributes.contains(.dim) { attributes |= sdxl_a_dim() }
        if style.attributes.contains(.italic) { attributes |= sdxl_a_italic() }
        if style.attributes.contains(.underline) { attributes |= sdxl_a_underline() }
        if style.attributes.contains(.reverse) { attributes |= sdxl_a_reverse() }
        guard capability != .monochrome else {
            if style.background != background.background { attributes |= sdxl_a_reverse() }
            return (attributes, 0)
        }
        return (attributes, pair(foreground: colorNumber(style.foreground), background: colorNumber(style.background)))
    }

    private func colorNumber(_ color: TerminalColor) -> Int32 {
        switch color {
        case .terminalDefault:
            return -1
        case .indexed(let index):
            if capability == .trueColor, index >= 8 {
                let rgb = XtermPalette.rgb(index)
                return Int32(rgb.red) << 16 | Int32(rgb.green) << 8 | Int32(rgb.blue)
            }
            return Int32(index)
        case .rgb(let red, let green, let blue):
            if capability == .trueColor { return Int32(red) << 16 | Int32(green) << 8 | Int32(blue) }
            if case .indexed(let index) = color.degraded(to: capability) { return Int32(index) }
            return -1
        }
    }

    private func pair(foreground: Int32, background: Int32) -> Int32 {
        let key = PairKey(foreground: foreground, background: background)
        if let known = pairs[key] { return known }
        // alloc_pair recycles the oldest pair once all are used; before that can happen, start
        // over (reset_color_pairs makes ncurses repaint everything with the new pairs).
        if pairs.count >= Int(sdxl_color_pairs()) - 2 {
            reset_color_pairs()
            pairs.removeAll()
        }
        let number = alloc_pair(foreground, background)
        guard number >= 0 else { return 0 }
        pairs[key] = number
        return number
    }
}
