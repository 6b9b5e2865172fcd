/// A key press as the program sees it: what was pressed and which modifiers were held.
///
/// Text keys are `.character`; Ctrl-letters are `.character` with `.control` ("r" + control is
/// Ctrl-R); Alt-letters come from ESC-prefixed input as `.character` with `.alt`.
public struct Key: Hashable, Sendable {
    public enum Code: Hashable, Sendable {
        case character(Character)
        case up, down, left, right
        case home, end, pageUp, pageDown
        case insert, delete
        case function(Int)
        case tab, backTab
        case escape, enter, backspace
        /// The terminal changed size; read the new size from the backend.
        case resize
    }

    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let shift = Modifiers(rawValue: 1)
        public static let alt = Modifiers(rawValue: 2)
        public static let control = Modifiers(rawValue: 4)
    }

    public var code: Code
    public var modifiers: Modifiers

    public init(_ code: Code, _ modifiers: Modifiers = []) {
        self.code = code
        self.modifiers = modifiers
    }

    public static func character(_ character: Character) -> Key { Key(.character(character)) }
    public static func control(_ letter: Character) -> Key { Key(.character(letter), .control) }
    public static func alt(_ character: Character) -> Key { Key(.character(character), .alt) }
    public static func function(_ number: Int) -> Key { Key(.function(number)) }

    /// The text this key types, if it is a plain character (no Ctrl or Alt).
    public var typedCharacter: Character? {
        guard case .character(let character) = code,
              modifiers.isDisjoint(with: [.control, .alt]) else { return nil }
        return character
    }
}
