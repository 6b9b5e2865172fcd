import Testing
@testable import TerminalUI

/// A string of one scalar that Swift refuses to write in a literal (noncharacters).
func scalar(_ value: UInt32) -> String {
    String(Character(Unicode.Scalar(value)!))
}

@Suite("TerminalText.sanitized")
struct SanitizeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let input: String
        let singleLine: String
        let multiLine: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain text is untouched", input: "a cat, 猫 🐈", singleLine: "a cat, 猫 🐈", multiLine: "a cat, 猫 🐈"),
        Case(name: "SGR colour sequence vanishes", input: "\u{1B}[31mred\u{1B}[0m", singleLine: "red", multiLine: "red"),
        Case(name: "CSI with private parameters (alternate screen)", input: "a\u{1B}[?1049hb", singleLine: "ab", multiLine: "ab"),
        Case(name: "cursor movement CSI", input: "x\u{1B}[2J\u{1B}[10;20Hy", singleLine: "xy", multiLine: "xy"),
        Case(name: "OSC title ended by BEL, payload gone", input: "a\u{1B}]0;evil title\u{07}b", singleLine: "ab", multiLine: "ab"),
        Case(name: "OSC 52 clipboard write ended by ST", input: "a\u{1B}]52;c;ZXZpbA==\u{1B}\\b", singleLine: "ab", multiLine: "ab"),
        Case(name: "OSC 8 hyperlink keeps only the visible text",
             input: "\u{1B}]8;;http://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\", singleLine: "click", multiLine: "click"),
        Case(name: "DCS payload (sixel) gone", input: "a\u{1B}Pq#0;2;0;0;0~~\u{1B}\\b", singleLine: "ab", multiLine: "ab"),
        Case(name: "APC, PM and SOS strings gone",
             input: "1\u{1B}_apc\u{1B}\\2\u{1B}^pm\u{1B}\\3\u{1B}Xsos\u{1B}\\4", singleLine: "1234", multiLine: "1234"),
        Case(name: "unterminated OSC swallows the rest", input: "ok\u{1B}]2;never ends", singleLine: "ok", multiLine: "ok"),
        Case(name: "two-character ESC sequences", input: "a\u{1B}7b\u{1B}8c\u{1B}cd", singleLine: "abcd", multiLine: "abcd"),
        Case(name: "charset designation ESC ( B", input: "a\u{1B}(Bb", singleLine: "ab", multiLine: "ab"),
        Case(name: "lone ESC at the end", input: "abc\u{1B}", singleLine: "abc", multiLine: "abc"),
        Case(name: "8-bit CSI as a scalar", input: "a\u{9B}31mb", singleLine: "ab", multiLine: "ab"),
        Case(name: "8-bit OSC ended by 8-bit ST", input: "a\u{9D}0;title\u{9C}b", singleLine: "ab", multiLine: "ab"),
        Case(name: "8-bit DCS", input: "a\u{90}q~~\u{9C}b", singleLine: "ab", multiLine: "ab"),
        Case(name: "other C1 controls become replacement", input: "a\u{85}b\u{8D}c", singleLine: "a⏎b�c", multiLine: "a\nb�c"),
        Case(name: "carriage return overwrite trick", input: "safe\rEVIL", singleLine: "safe⏎EVIL", multiLine: "safe\nEVIL"),
        Case(name: "CRLF is one line break", input: "a\r\nb", singleLine: "a⏎b", multiLine: "a\nb"),
        Case(name: "backspace overwrite trick", input: "rm -rf /\u{08}\u{08}\u{08}", singleLine: "rm -rf /���", multiLine: "rm -rf /���"),
        Case(name: "BEL, NUL and DEL", input: "a\u{07}b\u{00}c\u{7F}", singleLine: "a�b�c�", multiLine: "a�b�c�"),
        Case(name: "tab becomes a space", input: "a\tb", singleLine: "a b", multiLine: "a b"),
        Case(name: "vertical tab, form feed, line and paragraph separators",
             input: "a\u{0B}b\u{0C}c\u{2028}d\u{2029}e", singleLine: "a⏎b⏎c⏎d⏎e", multiLine: "a\nb\nc\nd\ne"),
        Case(name: "bidi override (Trojan Source)", input: "abc\u{202E}fed\u{202C}", singleLine: "abcfed", multiLine: "abcfed"),
        Case(name: "bidi embeddings and isolates",
             input: "\u{202A}a\u{202B}b\u{202D}c\u{2066}d\u{2067}e\u{2068}f\u{2069}", singleLine: "abcdef", multiLine: "abcdef"),
        Case(name: "bidi marks LRM RLM ALM", input: "a\u{200E}b\u{200F}c\u{061C}d", singleLine: "abcd", multiLine: "abcd"),
        Case(name: "zero-width space, word joiner, BOM, soft hyphen",
             input: "p\u{200B}a\u{2060}y\u{FEFF}p\u{00AD}al", singleLine: "paypal", multiLine: "paypal"),
        Case(name: "invisible tag characters (hidden text)", input: "hi\u{E0068}\u{E0069}", singleLine: "hi", multiLine: "hi"),
        Case(name: "Hangul fillers used as blank names", input: "[\u{3164}\u{115F}\u{1160}\u{FFA0}]", singleLine: "[]", multiLine: "[]"),
        Case(name: "variation-selector smuggling keeps one selector",
             input: "a\u{FE0F}\u{FE01}\u{FE02}\u{FE03}", singleLine: "a\u{FE0F}", multiLine: "a\u{FE0F}"),
        Case(name: "supplementary variation selectors removed", input: "x\u{E0100}\u{E0101}y", singleLine: "xy", multiLine: "xy"),
        Case(name: "emoji presentation selector stays", input: "❤\u{FE0F}", singleLine: "❤\u{FE0F}", multiLine: "❤\u{FE0F}"),
        Case(name: "ZWJ emoji sequence stays", input: "👨\u{200D}👩\u{200D}👧", singleLine: "👨\u{200D}👩\u{200D}👧", multiLine: "👨\u{200D}👩\u{200D}👧"),
        Case(name: "ZWNJ stays (Persian)", input: "می\u{200C}خواهم", singleLine: "می\u{200C}خواهم", multiLine: "می\u{200C}خواهم"),
        Case(name: "noncharacters become replacement", input: "a" + scalar(0xFFFE) + "b" + scalar(0xFDD0) + "c" + scalar(0x10FFFF),
             singleLine: "a�b�c�", multiLine: "a�b�c�"),
        Case(name: "combining marks stay", input: "e\u{301}\u{302}", singleLine: "e\u{301}\u{302}", multiLine: "e\u{301}\u{302}"),
        Case(name: "zalgo is cut to the mark limit",
             input: "Z" + String(repeating: "\u{0336}", count: 20),
             singleLine: "Z" + String(repeating: "\u{0336}", count: 8), multiLine: "Z" + String(repeating: "\u{0336}", count: 8)),
        Case(name: "escape inside a control string starts a new sequence",
             input: "a\u{1B}]0;x\u{1B}[31mb", singleLine: "ab", multiLine: "ab"),
        Case(name: "malformed CSI ends at the offending character", input: "a\u{1B}[12\u{1B}[0mb", singleLine: "ab", multiLine: "ab"),
    ]

    @Test("hostile and ordinary strings", arguments: cases)
    func table(_ sample: Case) {
        #expect(TerminalText.sanitized(sample.input, mode: .singleLine) == sample.singleLine)
        #expect(TerminalText.sanitized(sample.input, mode: .multiLine) == sample.multiLine)
    }

    @Test("nothing a terminal executes survives, for every scalar below U+00A0")
    func noControlsSurvive() {
        for value in UInt32(0)..<0xA0 {
            let scalar = Unicode.Scalar(value)!
            let input = "x" + String(Character(scalar)) + "y[1mz"
            for mode in [TerminalText.LineMode.singleLine, .multiLine] {
                let output = TerminalText.sanitized(input, mode: mode)
                let bad = output.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
                #expect(bad.isEmpty, "U+\(String(value, radix: 16)) left \(bad.map(\.value))")
                if mode == .singleLine { #expect(!output.contains("\n")) }
            }
        }
    }

    @Test("sanitizing twice changes nothing more")
    func idempotent() {
        for sample in Self.cases {
            for mode in [TerminalText.LineMode.singleLine, .multiLine] {
                let once = TerminalText.sanitized(sample.input, mode: mode)
                #expect(TerminalText.sanitized(once, mode: mode) == once, "\(sample.name)")
            }
        }
    }
}
