import Foundation
import ProcessHarness
@testable import Studio
import TerminalUI
import Testing

/// The TUI in `xterm -ti vt340` under Xvfb: the job runs, and the screen shows the sixel preview
/// inside the preview pane (captured with xwd, read as raw RGB with ImageMagick).
@Suite("the TUI's sixel preview in xterm under Xvfb",
       .enabled(if: ["Xvfb", "xterm", "xwd", "convert"].allSatisfy { ProcessHarness.which($0) != nil },
                "needs Xvfb, xterm, xwd and ImageMagick's convert"),
       .timeLimit(.minutes(2)))
struct TUISixelInXtermTests {
    static let screenWidth = 1024, screenHeight = 768
    /// xterm's default font is 6×13 pixels; its inner border is 2 pixels.
    static let cellWidth = 6, cellHeight = 13, border = 2

    @Test func previewPaneShowsTheSixelPicture() throws {
        let display = try #require((40...99).shuffled().first { number in
            !FileManager.default.fileExists(atPath: "/tmp/.X11-unix/X\(number)")
                && !FileManager.default.fileExists(atPath: "/tmp/.X\(number)-lock")
        })
        let xvfb = try ProcessHarness.start([try #require(ProcessHarness.which("Xvfb")), ":\(display)", "-screen", "0",
                                             "\(Self.screenWidth)x\(Self.screenHeight)x24", "-nolisten", "tcp"])
        defer { ProcessHarness.stop(xvfb) }
        #expect(ProcessHarness.wait(seconds: 5) { FileManager.default.fileExists(atPath: "/tmp/.X11-unix/X\(display)") })

        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sdxl-xterm-\(display)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        var environment = ProcessInfo.processInfo.environment
        environment["DISPLAY"] = ":\(display)"
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        environment["XDG_DATA_HOME"] = home.appendingPathComponent("data").path
        let outputs = home.appendingPathComponent("outputs")
        let model = TUIInTmuxTests.fixtures.appendingPathComponent("base").path
        let xterm = try ProcessHarness.start([try #require(ProcessHarness.which("xterm")), "-ti", "vt340",
                                              "-xrm", "XTerm*maxGraphicSize: 1024x1024", "-geometry", "120x40+0+0",
                                              "-e", TUIInTmuxTests.binary, "--model", model, "--width", "64", "--height", "64",
                                              "--steps", "3", "--prompt", "a red circle", "--generate",
                                              "--output-dir", outputs.path],
                                             environment: environment)
        defer { ProcessHarness.stop(xterm) }
        #expect(ProcessHarness.wait(seconds: 60) {
            ((try? FileManager.default.contentsOfDirectory(atPath: outputs.path)) ?? []).contains { $0.hasSuffix(".png") }
        }, "the job did not finish")

        // The preview pane's inside, less its two caption rows and a cell of margin.
        let layout = try #require(StudioLayout(size: TerminalSize(columns: 120, rows: 40), editorPanels: [.prompt, .negativePrompt]))
        let pane = layout.preview.inset(by: Margin(top: 2, right: 2, bottom: 4, left: 2))
        var lit = 0
        let drawn = ProcessHarness.wait(seconds: 10) {
            let command = "xwd -root -silent -display :\(display) | convert xwd:- -depth 8 rgb:-"
            let pixels = [UInt8]((try? ProcessHarness.run(["/bin/sh", "-c", command]).output) ?? Data())
            guard pixels.count == Self.screenWidth * Self.screenHeight * 3 else { return false }
            lit = 0
            for y in (Self.border + pane.y * Self.cellHeight)..<(Self.border + pane.maxY * Self.cellHeight) {
                for x in (Self.border + pane.x * Self.cellWidth)..<(Self.border + pane.maxX * Self.cellWidth) {
                    let offset = (y * Self.screenWidth + x) * 3
                    if Int(pixels[offset]) + Int(pixels[offset + 1]) + Int(pixels[offset + 2]) > 60 { lit += 1 }
                }
            }
            return lit > 2000
        }
        #expect(drawn, "only \(lit) non-background pixels inside the preview pane \(pane)")
    }
}
