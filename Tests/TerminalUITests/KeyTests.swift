import CNCurses
import Testing
@testable import TerminalUI

@Suite("Key decoding, notation and the key map")
struct KeyTests {
    @Test("our key code table matches <curses.h>")
    func codesMatchHeader() {
        typealias K = CursesKeyCode
        let pairs: [(Int32, Int32)] = [
            (K.codeYes, KEY_CODE_YES), (K.down, KEY_DOWN), (K.up, KEY_UP), (K.left, KEY_LEFT), (K.right, KEY_RIGHT),
            (K.home, KEY_HOME), (K.backspace, KEY_BACKSPACE), (K.functionZero, KEY_F0), (K.deleteCharacter, KEY_DC),
            (K.insertCharacter, KEY_IC), (K.scrollForward, KEY_SF), (K.scrollBackward, KEY_SR),
            (K.nextPage, KEY_NPAGE), (K.previousPage, KEY_PPAGE), (K.enter, KEY_ENTER), (K.backTab, KEY_BTAB),
            (K.end, KEY_END), (K.shiftedDelete, KEY_SDC), (K.shiftedEnd, KEY_SEND), (K.shiftedHome, KEY_SHOME),
            (K.shiftedInsert, KEY_SIC), (K.shiftedLeft, KEY_SLEFT), (K.shiftedNext, KEY_SNEXT),
            (K.shiftedPrevious, KEY_SPREVIOUS), (K.shiftedRight, KEY_SRIGHT), (K.mouse, KEY_MOUSE), (K.resize, KEY_RESIZE),
        ]
        for (ours, theirs) in pairs { #expect(ours == theirs) }
        #expect(K.functionZero + 5 == sdxl_key_f(5))
    }

    @Test("characters and control codes")
    func characters() {
        func decode(_ value: UInt32) -> Key? { KeyDecoder.decode(.character(value)) }
        #expect(decode(0x61) == .character("a"))
        #expect(decode(0x6F22) == .character("漢"))
        #expect(decode(0x12) == .control("r"))
        #expect(decode(0x11) == .control("q"))
        #expect(decode(0x13) == .control("s"))
        #expect(decode(0x09) == Key(.tab))
        #expect(decode(0x0D) == Key(.enter))
        #expect(decode(0x0A) == Key(.enter))
        #expect(decode(0x7F) == Key(.backspace))
        #expect(decode(0x08) == Key(.backspace))
        #expect(decode(0x1B) == Key(.escape))
        #expect(decode(0x00) == Key(.character(" "), .control))
        #expect(decode(0x1F) == Key(.character("_"), .control))
        #expect(decode(0x9B) == nil)
        #expect(decode(0xD800) == nil)
    }

    @Test("ncurses key codes")
    func keyCodes() {
        func decode(_ code: Int32) -> Key? { KeyDecoder.decode(.keyCode(code)) }
        #expect(decode(KEY_UP) == Key(.up))
        #expect(decode(KEY_NPAGE) == Key(.pageDown))
        #expect(decode(KEY_PPAGE) == Key(.pageUp))
        #expect(decode(KEY_BTAB) == Key(.backTab))
        #expect(decode(KEY_DC) == Key(.delete))
        #expect(decode(KEY_RESIZE) == Key(.resize))
        #expect(decode(KEY_MOUSE) == nil)
        #expect(decode(KEY_SR) == Key(.up, .shift))
        #expect(decode(KEY_SLEFT) == Key(.left, .shift))
        #expect(decode(sdxl_key_f(1)) == .function(1))
        #expect(decode(sdxl_key_f(12)) == .function(12))
        #expect(decode(sdxl_key_f(13)) == Key(.function(1), .shift))
        #expect(decode(sdxl_key_f(29)) == Key(.function(5), .control))
        #expect(decode(9999) == nil)
    }

    @Test("extended terminfo names for modified keys",
          arguments: [
            ("kLFT5", Key(.left, .control)), ("kRIT5", Key(.right, .control)), ("kUP5", Key(.up, .control)),
            ("kDN5", Key(.down, .control)), ("kUP2", Key(.up, .shift)), ("kDN6", Key(.down, [.control, .shift])),
            ("kHOM5", Key(.home, .control)), ("kEND5", Key(.end, .control)), ("kNXT3", Key(.pageDown, .alt)),
            ("kDC5", Key(.delete, .control)), ("kUP", Key(.up, .shift)), ("kRIT8", Key(.right, [.shift, .alt, .control])),
          ] as [(String, Key)])
    func extendedNames(_ name: String, _ expected: Key) {
        #expect(KeyDecoder.decode(.keyCode(600), keyName: { $0 == 600 ? name : nil }) == expected)
    }

    @Test("unknown extended names are ignored")
    func unknownNames() {
        for name in ["kFOO5", "kUP9", "kLFT1", "", "KEY_UP"] {
            #expect(KeyDecoder.decode(.keyCode(600), keyName: { _ in name }) == nil, "\(name)")
        }
    }

    @Test("notation round-trips", arguments: ["F5", "Ctrl-R", "Shift-Tab", "Ctrl-Up", "Ctrl-Shift-Left", "Alt-w", "?",
                                             "Esc", "Enter", "PgUp", "Space", "Ctrl--", "Alt-X", "Backspace", "Delete"])
    func notation(_ text: String) throws {
        let key = try Key(parsing: text)
        #expect(key.description == text)
    }

    @Test("notation is forgiving about case and spelling, strict about nonsense")
    func notationVariants() throws {
        #expect(try Key(parsing: "ctrl-r") == .control("r"))
        #expect(try Key(parsing: "CTRL-R") == .control("r"))
        #expect(try Key(parsing: "f12") == .function(12))
        #expect(try Key(parsing: "Shift-tab") == Key(.backTab))
        #expect(try Key(parsing: "pagedown") == Key(.pageDown))
        for bad in ["", "Hyper-A", "F13", "Ctrl-", "Cmd-S", "Enterr"] {
            #expect(throws: TerminalUIError.invalidKeyName(bad)) { try Key(parsing: bad) }
        }
    }

    @Test("default key map")
    func defaults() {
        let map = KeyMap.defaults
        #expect(map.action(for: .function(5), in: .navigating) == .generate)
        #expect(map.action(for: .control("r"), in: .editing) == .generate)
        #expect(map.action(for: Key(.escape), in: .editing) == .cancelJob)
        #expect(map.action(for: Key(.tab), in: .navigating) == .focusNext)
        #expect(map.action(for: Key(.backTab), in: .editing) == .focusPrevious)
        #expect(map.action(for: .function(1), in: .editing) == .help)
        #expect(map.action(for: .character("?"), in: .navigating) == .help)
        #expect(map.action(for: .character("?"), in: .editing) == nil)
        #expect(map.action(for: .control("s"), in: .editing) == .savePreset)
        #expect(map.action(for: .control("p"), in: .navigating) == .presetPicker)
        #expect(map.action(for: .function(6), in: .navigating) == .compareView)
        #expect(map.action(for: .control("t"), in: .navigating) == .themePicker)
        #expect(map.action(for: .control("q"), in: .editing) == .quit)
        #expect(map.action(for: Key(.up, .control), in: .editing) == .historyPrevious)
        #expect(map.action(for: Key(.down, .control), in: .editing) == .historyNext)
        #expect(map.action(for: .character("a"), in: .navigating) == nil)
        #expect(map.keys(for: .generate).map(\.description) == ["F5", "Ctrl-R"])
        #expect(map.keys(for: .help).map(\.description) == ["F1", "?"])
        for action in KeyAction.allCases { #expect(!map.keys(for: action).isEmpty, "\(action) has no key") }
    }

    @Test("rebinding")
    func rebinding() {
        var map = KeyMap.defaults
        map.bind(.function(9), to: .generate)
        map.unbind(.control("r"))
        #expect(map.action(for: .function(9), in: .editing) == .generate)
        #expect(map.action(for: .control("r"), in: .editing) == nil)
        map.bind(.character("?"), to: .quit)
        #expect(map.action(for: .character("?"), in: .editing) == .quit)
    }
}

@Suite("Key bindings from a file")
struct KeyMapFileTests {
    @Test("listed actions replace their keys; printable keys act only outside editors")
    func apply() throws {
        let document = try TOMLSubset.parse("[keys]\ngenerate = [\"F9\", \"g\"]\nquit = \"Ctrl-X\"", file: "config.toml")
        var map = KeyMap.defaults
        try map.apply(try #require(document.table("keys")))
        #expect(map.action(for: .function(9), in: .editing) == .generate)
        #expect(map.action(for: .character("g"), in: .navigating) == .generate)
        #expect(map.action(for: .character("g"), in: .editing) == nil)
        #expect(map.action(for: .function(5), in: .editing) == nil)
        #expect(map.action(for: .control("x"), in: .editing) == .quit)
        #expect(map.action(for: .control("q"), in: .editing) == nil)
        #expect(map.action(for: .control("t"), in: .editing) == .themePicker)
    }

    @Test("errors name the file, line and key")
    func errors() throws {
        var map = KeyMap.defaults
        let unknown = try TOMLSubset.parse("[keys]\nfly = \"F2\"", file: "c.toml")
        #expect(throws: (any Error).self) { try map.apply(try #require(unknown.table("keys"))) }
        let badKey = try TOMLSubset.parse("[keys]\n\nquit = \"Hyper-Q\"", file: "c.toml")
        do {
            try map.apply(try #require(badKey.table("keys")))
            Issue.record("accepted a bad key name")
        } catch {
            #expect("\(error)".hasPrefix("c.toml:3: key `quit`: \"Hyper-Q\" is not a key name"))
        }
        let wrongType = try TOMLSubset.parse("[keys]\nquit = 5", file: "c.toml")
        #expect(throws: TerminalUIError.tomlValue(file: "c.toml", line: 2, key: "quit",
                                                  message: "expected a key name or an array of key names, found integer")) {
            try map.apply(try #require(wrongType.table("keys")))
        }
        #expect(map == KeyMap.defaults, "a failed apply changes nothing")
    }
}
