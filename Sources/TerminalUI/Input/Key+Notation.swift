// Key names as people write them in help text and key binding files: "Ctrl-R", "F5",
// "Shift-Tab", "Ctrl-Up", "Alt-w", "?".

extension Key: CustomStringConvertible {
    public var description: String {
        var parts: [String] = []
        var modifiers = self.modifiers
        if case .backTab = code { modifiers.remove(.shift) }
        if modifiers.contains(.control) { parts.append("Ctrl") }
        if modifiers.contains(.alt) { parts.append("Alt") }
        if modifiers.contains(.shift) { parts.append("Shift") }
        // Terminals cannot tell Ctrl-r from Ctrl-R; write the letter as people expect it.
        if modifiers.contains(.control), case .character(let character) = code, character.isLetter {
            parts.append(character.uppercased())
        } else {
            parts.append(Self.name(of: code))
        }
        return parts.joined(separator: "-")
    }

    private static func name(of code: Code) -> String {
        switch code {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .insert: return "Insert"
        case .delete: return "Delete"
        case .function(let number): return "F\(number)"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .enter: return "Enter"
        case .backspace: return "Backspace"
        case .resize: return "Resize"
        }
    }

    private static let namedCodes: [String: Code] = [
        "space": .character(" "), "up": .up, "down": .down, "left": .left, "right": .right,
        "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown,
        "pagedown": .pageDown, "insert": .insert, "ins": .insert, "delete": .delete, "del": .delete,
        "tab": .tab, "esc": .escape, "escape": .escape, "enter": .enter, "return": .enter,
        "backspace": .backspace,
    ]

    /// Reads a key name such as "Ctrl-R", "F5", "Shift-Tab", "Ctrl-Up", "Alt-w" or "?".
    /// Modifier names are case-insensitive; a single character is taken as typed, except that
    /// Ctrl-letters are stored in lower case (terminals cannot tell Ctrl-R from Ctrl-r; Alt-x
    /// and Alt-X differ, the latter being Alt with Shift).
    public init(parsing text: String) throws(TerminalUIError) {
        var parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        // A trailing "-" is the minus key itself ("Ctrl--").
        if text.hasSuffix("--") || text == "-" {
            parts = Array(parts.dropLast(2)) + ["-"]
        }
        guard let last = parts.last, !last.isEmpty else { throw .invalidKeyName(text) }
        var modifiers: Modifiers = []
        for part in parts.dropLast() {
            switch part.lowercased() {
            case "ctrl", "control", "c": modifiers.insert(.control)
            case "alt", "meta", "m": modifiers.insert(.alt)
            case "shift", "s": modifiers.insert(.shift)
            default: throw .invalidKeyName(text)
            }
        }
        let code: Code
        if last.count == 1, let character = last.first {
            let useLower = modifiers.contains(.control) && character.isLetter
            code = .character(useLower ? Character(character.lowercased()) : character)
        } else if let named = Self.namedCodes[last.lowercased()] {
            code = named
        } else if last.lowercased().hasPrefix("f"), let number = Int(last.dropFirst()), (1...12).contains(number) {
            code = .function(number)
        } else {
            throw .invalidKeyName(text)
        }
        if code == .tab, modifiers == .shift {
            self.init(.backTab)
        } else {
            self.init(code, modifiers)
        }
    }
}
