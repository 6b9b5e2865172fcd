import Foundation
import Testing
@testable import TerminalUI

/// A sixel picture in a real xterm: Xvfb provides a screen, `xterm -ti vt340` runs the smoke
/// program, which asks DA1, draws a frame with ncurses and then a red|green sixel picture at
/// row 2, column 4; the screen is captured with xwd and converted to raw RGB with ImageMagick.
@Suite("Sixel in xterm under Xvfb",
       .enabled(if: ["Xvfb", "xterm", "xwd", "convert"].allSatisfy { TestSupport.which($0) != nil }
                    && TestSupport.smokeExecutable != nil,
                "needs Xvfb, xterm, xwd, ImageMagick's convert and the TerminalUISmoke program"),
       .timeLimit(.minutes(1)))
struct XtermSixelTests {
    static let screenWidth = 640, screenHeight = 480

    /// A display number nobody uses.
    func freeDisplay() -> Int? {
        (40...99).shuffled().first { number in
            !FileManager.default.fileExists(atPath: "/tmp/.X11-unix/X\(number)")
                && !FileManager.default.fileExists(atPath: "/tmp/.X\(number)-lock")
        }
    }

    /// The screen as raw RGB bytes.
    func capture(display: Int) throws -> [UInt8] {
        let command = "xwd -root -silent -display :\(display) | convert xwd:- -depth 8 rgb:-"
        return [UInt8](try TestSupport.run(["/bin/sh", "-c", command]).output)
    }

    struct Region {
        var count = 0, minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        mutating func add(_ x: Int, _ y: Int) {
            count += 1
            minX = min(minX, x); minY = min(minY, y); maxX = max(maxX, x); maxY = max(maxY, y)
        }
    }

    func regions(_ pixels: [UInt8]) -> (red: Region, green: Region) {
        var red = Region(), green = Region()
        guard pixels.count == Self.screenWidth * Self.screenHeight * 3 else { return (red, green) }
        for y in 0..<Self.screenHeight {
            for x in 0..<Self.screenWidth {
                let offset = (y * Self.screenWidth + x) * 3
                let r = Int(pixels[offset]), g = Int(pixels[offset + 1]), b = Int(pixels[offset + 2])
                if abs(r - 230) < 30, g < 60, b < 60 { red.add(x, y) }
                if r < 60, abs(g - 200) < 30, b < 70 { green.add(x, y) }
            }
        }
        return (red, green)
    }

    @Test("the picture appears where it was placed, and DA1 reports sixel")
    func pictureAppears() throws {
        let display = try #require(freeDisplay())
        let xvfb = try TestSupport.start([try #require(TestSupport.which("Xvfb")), ":\(display)", "-screen", "0",
                                          "\(Self.screenWidth)x\(Self.screenHeight)x24", "-nolisten", "tcp"])
        defer { TestSupport.stop(xvfb) }
        #expect(TestSupport.wait(seconds: 5) { FileManager.default.fileExists(atPath: "/tmp/.X11-unix/X\(display)") })

        let reportPath = TestSupport.temporaryPath("xterm-\(display).report")
        defer { try? FileManager.default.removeItem(atPath: reportPath) }
        var environment = ProcessInfo.processInfo.environment
        environment["DISPLAY"] = ":\(display)"
        let xterm = try TestSupport.start([try #require(TestSupport.which("xterm")), "-ti", "vt340",
                                           "-xrm", "XTerm*maxGraphicSize: 1024x1024", "-geometry", "80x24+0+0",
                                           "-e", try #require(TestSupport.smokeExecutable), "sixel", reportPath],
                                          environment: environment)
        defer { TestSupport.stop(xterm) }   // the smoke program dies of the hang-up
        #expect(TestSupport.wait(seconds: 10) { TestSupport.report(reportPath).contains("sixel-drawn=1") },
                "report: \(TestSupport.report(reportPath))")
        #expect(TestSupport.report(reportPath).contains("sixel=1"), "xterm -ti vt340 lists sixel in DA1")

        // The picture is 48×36: a red half then a green half.
        var found = (red: Region(), green: Region())
        let appeared = TestSupport.wait(seconds: 5) {
            found = regions((try? capture(display: display)) ?? [])
            return found.red.count >= 800 && found.green.count >= 800
        }
        #expect(appeared, "red \(found.red.count) px, green \(found.green.count) px")
        let red = found.red, green = found.green
        print("xterm sixel: red \(red.count) px at (\(red.minX), \(red.minY))–(\(red.maxX), \(red.maxY)), green \(green.count) px at (\(green.minX), \(green.minY))")
        #expect(red.maxX - red.minX + 1 == 24 && red.maxY - red.minY + 1 == 36)
        #expect(green.maxX - green.minX + 1 == 24 && green.maxY - green.minY + 1 == 36)
        #expect(green.minX == red.maxX + 1 && green.minY == red.minY)
        // Column 4 and row 2 are some cells away from the window's corner, not at it.
        #expect(red.minX >= 4 * 5 && red.minY >= 2 * 10)
        #expect(red.minX < 4 * 12 + 20 && red.minY < 2 * 24 + 20)
    }
}
