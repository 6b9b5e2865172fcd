// Turns what ncurses' wget_wch reports into a Key. Pure: the backend passes the result and a
// way to ask keyname(3) for codes ncurses made up at run time from terminfo's extended key names.

/// One result of `wget_wch`: a character (status OK) or a key code (status KEY_CODE_YES).
public enum CursesInput: Hashable, Sendable {
    case character(UInt32)
    case keyCode(Int32)
}

public enum KeyDecoder {
    /// The Key for `input`, or nil for input the program ignores (mouse events, unknown codes,
    /// characters that are not Unicode scalars).
    ///
    /// `keyName` answers keyname(3) for a code. xterm-like terminals describe modified cursor
    /// keys with extended terminfo names such as "kLFT5" (Ctrl-Left) or "kUP2" (Shift-Up): the
    /// suffix is 1 + a bit set of Shift (1), Alt (2) and Ctrl (4).
    public static func decode(_ input: CursesInput, keyName: (Int32) -> String? = { _ in nil }) -> Key? {
        switch input {
        case .character(let value): return decodeCharacter(value)
        case .keyCode(let code): return decodeKeyCode(code, keyName: keyName)
        }
    }

    static func decodeCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 0x00: return Key(.character(" "), .control)
        case 0x08, 0x7F: return Key(.backspace)
        case 0x09: return Key(.tab)
        case 0x0A, 0x0D: return Key(.enter)
        case 0x1B: return Key(.escape)
        case 0x01...0x1A:
            guard let letter = Unicode.Scalar(0x60 + value) else { return nil }
            return Key(.character(Character(letter)), .control)
        case 0x1C...0x1F:
            // Ctrl-\ Ctrl-] Ctrl-^ Ctrl-_
            guard let symbol = Unicode.Scalar(0x40 + value) else { return nil }
            return Key(.character(Character(symbol)), .control)
        case 0x80...0x9F:
            return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return Key(.character(Character(scalar)))
        }
    }

    static func decodeKeyCode(_ code: Int32, keyName: (Int32) -> String?) -> Key? {
        typealias K = CursesKeyCode
        switch code {
        case K.up: return Key(.up)
        case K.down: return Key(.down)
        case K.left: return Key(.left)
        case K.right: return Key(.right)
        case K.home: return Key(.home)
        case K.end: return Key(.end)
        case K.previousPage: return Key(.pageUp)
        case K.nextPage: return Key(.pageDown)
        case K.insertCharacter: return Key(.insert)
        case K.deleteCharacter: return Key(.delete)
        case K.backspace: return Key(.backspace)
        case K.enter: return Key(.enter)
        case K.backTab: return Key(.backTab)
        case K.resize: return Key(.resize)
        case K.mouse: return nil
        case K.scrollBackward: return Key(.up, .shift)
        case K.scrollForward: return Key(.down, .shift)
        case K.shiftedLeft: return Key(.left, .shift)
        case K.shiftedRight: return Key(.right, .shift)
        case K.shiftedHome: return Key(.home, .shift)
        case K.shiftedEnd: return Key(.end, .shift)
        case K.shiftedPrevious: return Key(.pageUp, .shift)
        case K.shiftedNext: return Key(.pageDown, .shift)
        case K.shiftedDelete: return Key(.delete, .shift)
        case K.shiftedInsert: return Key(.insert, .shift)
        case (K.functionZero + 1)...(K.functionZero + 48):
            // xterm numbers Shift-F1 as F13, Ctrl-F1 as F25 and Ctrl-Shift-F1 as F37.
            let number = Int(code - K.functionZero)
            let modifiers: [Key.Modifiers] = [[], .shift, .control, [.control, .shift]]
            return Key(.function((number - 1) % 12 + 1), modifiers[(number - 1) / 12])
        default:
            guard let name = keyName(code) else { return nil }
            return decodeExtendedName(name)
        }
    }

    private static let extendedBases: [String: Key.Code] = [
        "kUP": .up, "kDN": .down, "kLFT": .left, "kRIT": .right, "kHOM": .home, "kEND": .end,
        "kPRV": .pageUp, "kNXT": .pageDown, "kDC": .delete, "kIC": .insert,
    ]

    /// "kLFT5" → Ctrl-Left; "kUP" (no digit) is xterm's Shift-Up.
    static func decodeExtendedName(_ name: String) -> Key? {
        let digits = name.reversed().prefix(while: \.isNumber)
        let base = String(name.dropLast(digits.count))
        guard let code = extendedBases[base] else { return nil }
        if digits.isEmpty { return Key(code, .shift) }
        guard let number = Int(String(digits.reversed())), (2...8).contains(number) else { return nil }
        let bits = number - 1
        var modifiers: Key.Modifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.control) }
        return Key(code, modifiers)
    }
}
