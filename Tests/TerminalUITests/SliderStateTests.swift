import Testing
@testable import TerminalUI

@Suite("Slider state")
struct SliderStateTests {
    @Test("fine and coarse steps clamp to the range")
    func steps() {
        var slider = SliderState(value: 7.5, range: 1...30, fineStep: 0.5, coarseStep: 5)
        slider.step(1)
        #expect(slider.value == 8)
        slider.step(1, coarse: true)
        #expect(slider.value == 13)
        for _ in 0..<10 { slider.step(1, coarse: true) }
        #expect(slider.value == 30)
        slider.setToMinimum()
        #expect(slider.value == 1)
        slider.step(-1)
        #expect(slider.value == 1)
    }

    @Test("a snap grid coarser than the step still moves one grid point")
    func snapping() {
        let toMultipleOf64: @Sendable (Double) -> Double = { ($0 / 64).rounded() * 64 }
        var size = SliderState(value: 1000, range: 512...2048, fineStep: 8, coarseStep: 128, snap: toMultipleOf64)
        #expect(size.value == 1024)
        size.step(1)
        #expect(size.value == 1088)
        size.step(-1)
        #expect(size.value == 1024)
        size.step(-1, coarse: true)
        #expect(size.value == 896)
        size.set(5000)
        #expect(size.value == 2048)
    }

    @Test("snapping to a list of buckets")
    func buckets() {
        let buckets: [Double] = [704, 768, 832, 896, 960, 1024]
        let nearest: @Sendable (Double) -> Double = { value in buckets.min { abs($0 - value) < abs($1 - value) }! }
        var width = SliderState(value: 1024, range: 704...1024, fineStep: 1, coarseStep: 64, snap: nearest)
        width.step(-1)
        #expect(width.value == 960)
        width.set(810)
        #expect(width.value == 832)
    }

    @Test("typed entry: digits, commit, clamp and snap, errors, cancel")
    func typedEntry() {
        var cfg = SliderState(value: 7, range: 1...20, fineStep: 0.5, coarseStep: 1)
        check(cfg.handle(.character("1")))
        check(cfg.handle(.character("2")))
        check(cfg.handle(.character(",")))
        check(cfg.handle(.character("5")))
        #expect(cfg.displayText == "12.5")
        check(cfg.handle(Key(.enter)))
        #expect(cfg.value == 12.5)
        #expect(!cfg.isEntering)

        check(cfg.handle(.character("9")))
        check(cfg.handle(.character("9")))
        check(cfg.handle(Key(.enter)))
        #expect(cfg.value == 20)

        cfg.beginEntry()
        check(!cfg.commitEntry())
        #expect(cfg.entryError == "type a number")
        check(cfg.handle(Key(.escape)))
        #expect(!cfg.isEntering && cfg.value == 20)

        cfg.beginEntry(".")
        check(!cfg.commitEntry())
        #expect(cfg.entryError == "\".\" is not a number")
    }

    @Test("keys: arrows, shift, page, home/end, minus")
    func keys() {
        var seed = SliderState(value: 0, range: -10...10, fineStep: 1, coarseStep: 5)
        check(seed.handle(Key(.right)))
        check(seed.handle(Key(.right, .shift)))
        #expect(seed.value == 6)
        check(seed.handle(Key(.pageDown)))
        #expect(seed.value == 1)
        check(seed.handle(Key(.end)))
        #expect(seed.value == 10)
        check(seed.handle(.character("-")))
        #expect(seed.isEntering)
        check(seed.handle(.character("3")))
        check(seed.handle(Key(.backspace)))
        check(seed.handle(.character("4")))
        check(seed.handle(Key(.enter)))
        #expect(seed.value == -4)
        check(!seed.handle(.control("r")))
    }

    @Test("default formatting")
    func formatting() {
        #expect(SliderState.defaultFormat(30) == "30")
        #expect(SliderState.defaultFormat(7.5) == "7.5")
        #expect(SliderState.defaultFormat(0.125) == "0.125")
        #expect(SliderState.defaultFormat(-2.25) == "-2.25")
        #expect(SliderState.defaultFormat(0.0004) == "0")
    }
}
