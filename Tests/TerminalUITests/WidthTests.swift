import Testing
@testable import TerminalUI

@Suite("Display width, truncation, padding, wrapping")
struct WidthTests {
    @Test("scalar widths come from the C library's tables",
          arguments: [
            ("A", 1), ("\u{301}", 0), ("中", 2), ("Ａ", 2), ("😀", 2), ("❤", 1), ("\u{200D}", 0), ("ㄱ", 2),
            ("\u{1100}", 2), ("\u{1160}", 0), ("\u{3000}", 2),
          ] as [(String, Int)])
    func scalarWidths(_ text: String, _ expected: Int) {
        let scalar = text.unicodeScalars.first!
        #expect(TerminalText.scalarWidth(scalar) == expected)
    }

    @Test("controls answer -1")
    func controlWidth() {
        #expect(TerminalText.scalarWidth("\u{07}") == -1)
        #expect(TerminalText.scalarWidth("\u{85}") == -1)
    }

    @Test("cluster widths",
          arguments: [
            ("a", 1),
            ("e\u{301}", 1),                          // combining acute
            ("\u{1100}\u{1161}\u{11A8}", 2),          // Hangul L V T jamo
            ("漢", 2), ("ｶ", 1),                        // wide ideograph, halfwidth katakana
            ("😀", 2),                                 // emoji presentation by default
            ("❤\u{FE0F}", 2),                          // text-default emoji with VS16
            ("❤", 1),
            ("👨\u{200D}👩\u{200D}👧\u{200D}👦", 2),   // ZWJ family
            ("👍🏽", 2),                                 // skin tone modifier
            ("🇫🇷", 2), ("🇺🇸", 2),                     // flags: regional indicator pairs
            ("1\u{FE0F}\u{20E3}", 2),                  // keycap
            ("\u{301}", 1),                            // orphan combining mark still takes a cell
          ] as [(String, Int)])
    func clusterWidths(_ text: String, _ expected: Int) {
        #expect(text.count == 1, "the sample is one grapheme cluster")
        #expect(TerminalText.width(of: text.first!) == expected)
    }

    @Test("string widths add up per cluster")
    func stringWidths() {
        #expect(TerminalText.width(of: "") == 0)
        #expect(TerminalText.width(of: "abc") == 3)
        #expect(TerminalText.width(of: "日本語") == 6)
        #expect(TerminalText.width(of: "cafe\u{301} 🇫🇷!") == 8)
        #expect(TerminalText.width(of: "a👨\u{200D}👩\u{200D}👧b") == 4)
    }

    @Test("truncation never splits a cluster and keeps within the width")
    func truncation() {
        #expect(TerminalText.truncated("hello world", toWidth: 8) == "hello w…")
        #expect(TerminalText.truncated("hello", toWidth: 5) == "hello")
        #expect(TerminalText.truncated("hello", toWidth: 0) == "")
        #expect(TerminalText.truncated("日本語です", toWidth: 6) == "日本…")   // 2+2+1 = 5 ≤ 6
        #expect(TerminalText.truncated("日本語です", toWidth: 5) == "日本…")
        #expect(TerminalText.truncated("日本語です", toWidth: 4) == "日…")
        #expect(TerminalText.truncated("e\u{301}e\u{301}e\u{301}", toWidth: 2) == "e\u{301}…")
        #expect(TerminalText.truncated("🇫🇷🇩🇪🇮🇹", toWidth: 4) == "🇫🇷…")
        #expect(TerminalText.truncated("ab👨\u{200D}👩\u{200D}👧", toWidth: 3, ellipsis: false) == "ab")
        #expect(TerminalText.truncated("日本", toWidth: 1, ellipsis: false) == "")
    }

    @Test("fitted text is exactly the width", arguments: [0, 1, 2, 3, 5, 7, 10, 20])
    func fittedWidth(_ width: Int) {
        for sample in ["plain", "日本語テキスト", "e\u{301}te\u{301}", "🇫🇷 flag", "👨\u{200D}👩\u{200D}👧 family", ""] {
            let fitted = TerminalText.fitted(sample, toWidth: width)
            #expect(TerminalText.width(of: fitted) == width, "\(sample) at \(width): \(fitted)")
        }
    }

    @Test("alignment pads on the right side")
    func alignment() {
        #expect(TerminalText.fitted("ab", toWidth: 5, alignment: .left) == "ab   ")
        #expect(TerminalText.fitted("ab", toWidth: 5, alignment: .right) == "   ab")
        #expect(TerminalText.fitted("ab", toWidth: 5, alignment: .center) == " ab  ")
        #expect(TerminalText.fitted("漢", toWidth: 4, alignment: .center) == " 漢 ")
    }

    @Test("wrapping breaks at spaces, splits long words, keeps explicit breaks")
    func wrapping() {
        #expect(TerminalText.wrapped("the quick brown fox", toWidth: 10) == ["the quick", "brown fox"])
        #expect(TerminalText.wrapped("abcdefghij", toWidth: 4) == ["abcd", "efgh", "ij"])
        #expect(TerminalText.wrapped("a\n\nb", toWidth: 10) == ["a", "", "b"])
        #expect(TerminalText.wrapped("日本語のテキスト", toWidth: 5) == ["日本", "語の", "テキ", "スト"])
        #expect(TerminalText.wrapped("one  two", toWidth: 4) == ["one", "two"])
        for line in TerminalText.wrapped("a photo of an astronaut riding a horse on the moon, 8k", toWidth: 12) {
            #expect(TerminalText.width(of: line) <= 12)
        }
    }
}
