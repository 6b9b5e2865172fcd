import Testing
@testable import TerminalUI

@Suite("Fuzzy matching and the picker")
struct FuzzyTests {
    @Test("scores follow fzf's scheme")
    func scores() throws {
        // "abc" in "abc": first char bonus (boundary after the start, white) ×2, then consecutive.
        // 3 × 16 + 10 × 2 + 10 + 10 = 88.
        #expect(FuzzyMatcher.match("abc", in: "abc")?.score == 88)
        // Gap: "ac" in "abc": 16 + 20, gap start −3, 16 + 0 (plain lower after lower) = 49.
        #expect(FuzzyMatcher.match("ac", in: "abc")?.score == 49)
        // Word boundary after "/": "b" in "a/b" = 16 + 9 × 2.
        #expect(FuzzyMatcher.match("b", in: "a/b")?.score == 34)
        // camelCase hump: "b" in "aB" (smart case off: pattern is lower) = 16 + 7 × 2.
        #expect(FuzzyMatcher.match("b", in: "aB")?.score == 30)
        #expect(FuzzyMatcher.match("abc", in: "acb") == nil)
        #expect(FuzzyMatcher.match("", in: "anything")?.score == 0)
    }

    @Test("the shortest window is scored and positions are reported")
    func window() throws {
        let found = try #require(FuzzyMatcher.match("ab", in: "a_xab"))
        #expect(found.positions == [3, 4])
    }

    @Test("smart case")
    func smartCase() {
        #expect(FuzzyMatcher.match("photo", in: "Cinematic PHOTO") != nil)
        #expect(FuzzyMatcher.match("Photo", in: "cinematic photo") == nil)
        #expect(FuzzyMatcher.match("PHOTO", in: "Cinematic PHOTO") != nil)
    }

    @Test("ranking prefers word starts and consecutive runs, then shorter items")
    func ranking() {
        let items = ["anime portrait", "cinematic", "neon punk", "photographic", "pixel art", "comic book"]
        let ranked = FuzzyMatcher.rank("pa", in: items).map { items[$0.index] }
        #expect(ranked.first == "pixel art")
        #expect(Set(ranked) == ["anime portrait", "pixel art", "photographic"])
        let tie = FuzzyMatcher.rank("x", in: ["x yz", "x y"]).map(\.index)
        #expect(tie == [1, 0])
    }

    @Test("picker: typing filters, arrows move, Enter chooses, Esc cancels")
    func picker() {
        var picker = FuzzyPickerState(items: ["base", "refiner", "turbo", "lightning"])
        #expect(picker.matches.count == 4)
        check(picker.handle(.character("r")) == .handled)
        #expect(picker.query == "r")
        #expect(picker.matches.map { picker.items[$0.index] }.contains("refiner"))
        check(picker.handle(.character("f")) == .handled)
        #expect(picker.matches.map(\.index) == [1])
        check(picker.handle(Key(.enter)) == .chosen(1))
        check(picker.handle(Key(.backspace)) == .handled)
        check(picker.handle(Key(.backspace)) == .handled)
        #expect(picker.query.isEmpty)
        // Empty query: all score 0, shorter first: base, turbo, refiner, lightning.
        check(picker.handle(Key(.down)) == .handled)
        #expect(picker.selectedItem == 2)
        check(picker.handle(Key(.escape)) == .cancelled)
        check(picker.handle(Key(.function(5))) == .ignored)
        picker.setQuery("zzz")
        #expect(picker.selectedItem == nil)
        check(picker.handle(Key(.enter)) == .handled)
    }

    @Test("picker rendering highlights matched characters")
    func pickerRendering() {
        var state = FuzzyPickerState(items: ["pixel art", "photographic"])
        state.setQuery("pa")
        var buffer = CellBuffer(width: 20, height: 5)
        FuzzyPicker(title: "Styles").render(in: buffer.area, buffer: &buffer, state: &state)
        #expect(TestBackend.lines(of: buffer) == [
            "╭─ Styles ─────────╮",
            "│> pa              │",
            "│› pixel art       │",
            "│  photographic    │",
            "╰──────────── 2/2 ─╯",
        ])
        let roles = TestBackend.roleLines(of: buffer)
        #expect(roles[2] == "BssmsssssmsssssssssB")
        #expect(buffer.cursor == .init(x: 5, y: 1))
    }
}
