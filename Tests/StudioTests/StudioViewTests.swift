import Imaging
import StableDiffusionXL
@testable import Studio
import TerminalUI
import Testing

@Suite struct StudioViewTests {
    static let sizes = [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40),
                        TerminalSize(columns: 200, rows: 60)]

    @Test(arguments: sizes)
    func panelsTileTheScreenWithoutOverlap(_ size: TerminalSize) throws {
        let layout = try #require(StudioLayout(size: size, editorPanels: [.prompt, .negativePrompt]))
        let rects = Array(layout.editors.values) + [layout.settings, layout.diagram, layout.preview, layout.queue, layout.status]
        let screen = Rect(width: size.columns, height: size.rows)
        let used = rects.filter { !$0.isEmpty }
        for rect in used { #expect(screen.contains(rect), "\(rect) leaves \(size)") }
        for (i, a) in used.enumerated() {
            for b in used[(i + 1)...] { #expect(a.intersection(b).isEmpty, "\(a) overlaps \(b)") }
        }
        // Everything but the diagram (which needs height) is there; together they fill the screen.
        #expect(used.map(\.area).reduce(0, +) == screen.area)
        #expect(layout.status == screen.row(size.rows - 1))
        #expect(layout.preview.width >= 30 && layout.preview.height >= 8)
    }

    @Test(arguments: sizes)
    func everyPanelIsDrawn(_ size: TerminalSize) {
        var state = StudioFixtures.state(prompt: "a red circle")
        state.addJob(JobEntry(ticket: 1, parameters: GenerationParameters(prompt: "a red circle"), totalSteps: 20))
        let view = StudioView(state: state, pictures: PreviewPictures(), graphics: .blocks, capability: .trueColor,
                              tokenCounter: nil)
        let lines = TestBackend.lines(of: view.render(size: size).buffer)
        let screen = lines.joined(separator: "\n")
        for title in ["Prompt", "Negative prompt", "Settings", "Preview · job 1", "Jobs (1)", "F5 generate"] {
            #expect(screen.contains(title), "\(title) missing at \(size.columns)×\(size.rows)")
        }
        #expect(screen.contains("a red circle"))
        #expect(screen.contains("Steps"))
        #expect(lines.count == size.rows && lines.allSatisfy { TerminalText.width(of: $0) == size.columns })
    }

    @Test func aTooSmallTerminalSaysSoAndHowToQuit() {
        let view = StudioView(state: StudioFixtures.state(), pictures: PreviewPictures(), graphics: .blocks,
                              capability: .trueColor, tokenCounter: nil)
        let screen = TestBackend.lines(of: view.render(size: TerminalSize(columns: 50, rows: 12)).buffer).joined(separator: "\n")
        #expect(screen.contains("too small"))
        #expect(screen.contains("50×12"))
        #expect(screen.contains("Ctrl-Q quits"))
        var state = StudioFixtures.state()
        #expect(state.handle(.control("q")) == [.quit])
    }

    @Test func blocksModeDrawsThePreviewAndSixelModeHandsItBack() throws {
        var state = StudioFixtures.state(prompt: "x")
        state.addJob(JobEntry(ticket: 1, parameters: GenerationParameters(prompt: "x"), totalSteps: 4))
        let red = try RGBImage(width: 8, height: 8, red: 250, green: 0, blue: 0)
        let size = TerminalSize(columns: 120, rows: 40)
        let layout = try #require(StudioLayout(size: size, editorPanels: [.prompt, .negativePrompt]))

        let blocks = StudioView(state: state, pictures: PreviewPictures(main: red), graphics: .blocks,
                                capability: .trueColor, tokenCounter: nil).render(size: size)
        #expect(blocks.sixels.isEmpty)
        let paneCells = (layout.preview.y..<layout.preview.maxY).flatMap { y in
            (layout.preview.x..<layout.preview.maxX).map { blocks.buffer[$0, y] }
        }
        #expect(paneCells.contains { $0.foreground == TerminalColor.rgb(250, 0, 0) })

        let sixel = StudioView(state: state, pictures: PreviewPictures(main: red), graphics: .sixel,
                               capability: .trueColor, tokenCounter: nil).render(size: size)
        let slot = try #require(sixel.sixels.first)
        #expect(layout.preview.contains(slot.rect))
        #expect(slot.image == red)
    }

    @Test func untrustedTextIsSanitizedOnScreen() {
        var state = StudioFixtures.state(prompt: "evil\u{1B}]0;pwned\u{07}\u{202E}txt")
        state.addJob(JobEntry(ticket: 1, parameters: GenerationParameters(prompt: "job\u{1B}[2J\u{9B}31m"), totalSteps: 2))
        state.say("file \u{1B}[31mred\u{8}\u{8}")
        let view = StudioView(state: state, pictures: PreviewPictures(), graphics: .none, capability: .trueColor, tokenCounter: nil)
        let lines = TestBackend.lines(of: view.render(size: TerminalSize(columns: 120, rows: 40)).buffer)
        let scalars = lines.joined().unicodeScalars
        #expect(!scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
    }
}
