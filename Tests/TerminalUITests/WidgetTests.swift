import Testing
@testable import TerminalUI

@Suite("Widgets through the test backend")
struct WidgetTests {
    func render(width: Int, height: Int, _ draw: (inout CellBuffer, Rect) -> Void) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        draw(&buffer, buffer.area)
        return buffer
    }

    @Test("block with title and footer")
    func block() {
        let buffer = render(width: 14, height: 3) { buffer, area in
            Block(title: "Title", footer: [Span("3/77", role: .tokenCountOK)]).render(in: area, buffer: &buffer)
        }
        #expect(TestBackend.lines(of: buffer) == [
            "╭─ Title ────╮",
            "│            │",
            "╰───── 3/77 ─╯",
        ])
        #expect(TestBackend.roleLines(of: buffer) == [
            "bbTTTTTTTbbbbb",
            "b............b",
            "bbbbbbbnnnnbbb",
        ])
    }

    @Test("focused block, long title, tiny sizes")
    func blockEdges() {
        let focused = render(width: 8, height: 2) { buffer, area in
            Block(title: "Long title", borders: .plain, isFocused: true).render(in: area, buffer: &buffer)
        }
        #expect(TestBackend.lines(of: focused) == ["┌─ L… ─┐", "└──────┘"])
        #expect(TestBackend.roleLines(of: focused) == ["BBBBBBBB", "BBBBBBBB"])
        let one = render(width: 1, height: 1) { buffer, area in Block(title: "x").render(in: area, buffer: &buffer) }
        #expect(TestBackend.lines(of: one) == ["│"])
        #expect(Block().inner(Rect(width: 2, height: 2)).isEmpty)
    }

    @Test("label alignment and span roles")
    func label() {
        let buffer = render(width: 10, height: 3) { buffer, area in
            Label(spans: [Span("F5", role: .helpKey), Span(" go", role: .helpText)]).render(in: area.row(0), buffer: &buffer)
            Label("mid", alignment: .center).render(in: area.row(1), buffer: &buffer)
            Label("far too long text", alignment: .right).render(in: area.row(2), buffer: &buffer)
        }
        #expect(TestBackend.lines(of: buffer) == ["F5 go     ", "   mid    ", "far too l…"])
        #expect(TestBackend.roleLines(of: buffer)[0] == "kkhhh.....")
    }

    @Test("paragraph wraps and scrolls")
    func paragraph() {
        let buffer = render(width: 10, height: 2) { buffer, area in
            Paragraph("the quick brown fox jumps", scroll: 1).render(in: area, buffer: &buffer)
        }
        #expect(TestBackend.lines(of: buffer) == ["brown fox ", "jumps     "])
        let unwrapped = Paragraph("first line\nsecond", wraps: false).lines(width: 6)
        #expect(unwrapped == ["first…", "second"])
    }

    @Test("list keeps the selection visible and shows a scroll bar")
    func list() {
        var state = ListState(selected: 6)
        let buffer = render(width: 12, height: 4) { buffer, area in
            ListView(lines: (0..<10).map { "item \($0)" }).render(in: area, buffer: &buffer, state: &state)
        }
        #expect(state.offset == 3)
        #expect(TestBackend.lines(of: buffer) == [
            "  item 3   │",
            "  item 4   █",
            "  item 5   │",
            "› item 6   │",
        ])
        #expect(TestBackend.roleLines(of: buffer)[3] == "sssssssssssd")
    }

    @Test("list selection movement and clamping")
    func listState() {
        var state = ListState()
        state.move(by: 1, count: 3)
        #expect(state.selected == 0)
        state.move(by: 5, count: 3)
        #expect(state.selected == 2)
        state.move(by: -9, count: 3)
        #expect(state.selected == 0)
        state.selectLast(count: 3)
        #expect(state.selected == 2)
        state.clamp(count: 0)
        #expect(state.selected == nil)
        state = ListState(selected: 9, offset: 9)
        state.scrollToSelection(visibleRows: 5, count: 10)
        #expect(state.offset == 5)
    }

    @Test("progress bar fills and keeps the label readable on both parts")
    func progress() {
        let buffer = render(width: 20, height: 1) { buffer, area in
            ProgressBar(fraction: 0.5, label: "50%").render(in: area, buffer: &buffer)
        }
        #expect(TestBackend.lines(of: buffer) == ["        50%         "])
        #expect(TestBackend.roleLines(of: buffer) == ["##########__________"])
        #expect(ProgressBar.filledColumns(fraction: 0.999, width: 10) == 9)
        #expect(ProgressBar.filledColumns(fraction: 1, width: 10) == 10)
        #expect(ProgressBar.filledColumns(fraction: -1, width: 10) == 0)
        #expect(ProgressBar.filledColumns(fraction: .nan, width: 10) == 0)
    }

    @Test("slider row")
    func slider() {
        let state = SliderState(value: 30, range: 1...50, fineStep: 1, coarseStep: 5)
        let buffer = render(width: 20, height: 1) { buffer, area in
            Slider(label: "Steps", state: state, labelWidth: 6, valueWidth: 4).render(in: area, buffer: &buffer)
        }
        #expect(TestBackend.lines(of: buffer) == ["Steps ━━━━━●───   30"])
        #expect(TestBackend.roleLines(of: buffer) == ["ttttt.=====o---...tt"])
        var typing = state
        typing.beginEntry("12")
        let entering = render(width: 20, height: 1) { buffer, area in
            Slider(label: "Steps", state: typing, labelWidth: 6, valueWidth: 4).render(in: area, buffer: &buffer)
        }
        #expect(TestBackend.lines(of: entering) == ["Steps ━━━━━●─── 12█ "])
        #expect(TestBackend.roleLines(of: entering)[0].suffix(4) == "ttc.")
    }

    @Test("conditioning drawing: canvas, crop and target to scale")
    func conditioning() {
        let diagram = ConditioningDiagram(canvasWidth: 2048, canvasHeight: 1024, cropLeft: 512, cropTop: 256,
                                          cropWidth: 1024, cropHeight: 512, targetWidth: 1024, targetHeight: 1024)
        let area = Rect(width: 21, height: 6)
        let boxes = diagram.layout(in: area)
        #expect(boxes?.canvas.width == 21)
        #expect(boxes?.canvas.height == 6)
        #expect(boxes?.crop.x == 5 && boxes?.crop.width == 11)
        let buffer = render(width: 21, height: 6) { buffer, area in diagram.render(in: area, buffer: &buffer) }
        // Canvas 2048×1024 → 21×6 cells; target 1024×1024 → columns 0–10; crop at (512, 256)
        // size 1024×512 → columns 5–15, rows 1–4 (256 × 5/1024 = 1.25 rounds to 1).
        #expect(boxes?.crop.y == 1 && boxes?.crop.height == 4)
        #expect(boxes?.target.width == 11 && boxes?.target.height == 6)
        #expect(TestBackend.lines(of: buffer) == [
            "╔═════════╗─────────┐",
            "║    ┏━━━━━━━━━┓    │",
            "║    ┃░░░░║░░░░┃    │",
            "║    ┃░░░░║░░░░┃    │",
            "║    ┗━━━━━━━━━┛    │",
            "╚═════════╝─────────┘",
        ])
        #expect(TestBackend.roleLines(of: buffer)[2] == "g....rrrrrgrrrrr....C")
        #expect(ConditioningDiagram(canvasWidth: 0, canvasHeight: 0, cropLeft: 0, cropTop: 0, cropWidth: 0,
                                    cropHeight: 0, targetWidth: 0, targetHeight: 0).layout(in: area) == nil)
    }
}
