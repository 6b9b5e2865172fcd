import Imaging
import Testing
@testable import TerminalUI

@Suite("Pictures: resizing and half blocks")
struct ImageTests {
    func image(width: Int, height: Int, _ pixels: [[UInt8]]) throws -> RGBImage {
        try RGBImage(width: width, height: height, pixels: pixels.flatMap { $0 })
    }

    @Test("area averaging: halves, fractions, whole")
    func areaAveraging() throws {
        let halves = try image(width: 4, height: 2, [[0, 0, 0], [0, 0, 0], [255, 255, 255], [255, 255, 255],
                                                     [0, 0, 0], [0, 0, 0], [255, 255, 255], [255, 255, 255]])
        let two = halves.resized(width: 2, height: 1)
        #expect(two.pixels == [0, 0, 0, 255, 255, 255])
        #expect(halves.resized(width: 1, height: 1).pixels == [128, 128, 128])
        // Three columns 0, 90, 180 into two: [0 + 90/2]/1.5 = 30 and [90/2 + 180]/1.5 = 150.
        let ramp = try image(width: 3, height: 1, [[0, 10, 20], [90, 100, 110], [180, 190, 200]])
        #expect(ramp.resized(width: 2, height: 1).pixels == [30, 40, 50, 150, 160, 170])
        let dot = try image(width: 1, height: 1, [[7, 8, 9]])
        #expect(dot.resized(width: 3, height: 2).pixels == Array(repeating: [UInt8]([7, 8, 9]), count: 6).flatMap { $0 })
    }

    @Test("fitting keeps the aspect ratio")
    func fitting() {
        #expect(RGBImage.fittedSize(width: 1024, height: 512, maxWidth: 80, maxHeight: 48) == (80, 40))
        #expect(RGBImage.fittedSize(width: 832, height: 1216, maxWidth: 40, maxHeight: 40) == (27, 40))
        #expect(RGBImage.fittedSize(width: 10, height: 10, maxWidth: 0, maxHeight: 5) == (1, 1))
    }

    @Test("half blocks: upper pixel in front, lower pixel behind")
    func halfBlocks() throws {
        let stripes = try image(width: 2, height: 4, [[255, 0, 0], [255, 0, 0], [0, 255, 0], [0, 255, 0],
                                                      [0, 0, 255], [0, 0, 255], [255, 255, 255], [255, 255, 255]])
        var buffer = CellBuffer(width: 2, height: 2)
        HalfBlockRenderer.render(stripes, in: buffer.area, buffer: &buffer)
        #expect(TestBackend.lines(of: buffer) == ["▀▀", "▀▀"])
        #expect(buffer[0, 0].foreground == .rgb(255, 0, 0) && buffer[0, 0].background == .rgb(0, 255, 0))
        #expect(buffer[1, 1].foreground == .rgb(0, 0, 255) && buffer[1, 1].background == .rgb(255, 255, 255))

        var palette = CellBuffer(width: 2, height: 2)
        HalfBlockRenderer.render(stripes, in: palette.area, buffer: &palette, capability: .palette256)
        #expect(palette[0, 0].foreground == .indexed(196) && palette[0, 0].background == .indexed(46))
    }

    @Test("half blocks: centred, odd heights leave the lower half to the terminal")
    func placement() throws {
        let square = try image(width: 2, height: 2, [[9, 9, 9], [9, 9, 9], [9, 9, 9], [9, 9, 9]])
        var buffer = CellBuffer(width: 6, height: 2)
        HalfBlockRenderer.render(square, in: buffer.area, buffer: &buffer)
        #expect(TestBackend.lines(of: buffer) == [" ▀▀▀▀ ", " ▀▀▀▀ "])
        let column = try image(width: 1, height: 3, [[1, 1, 1], [2, 2, 2], [3, 3, 3]])
        var tall = CellBuffer(width: 1, height: 2)
        HalfBlockRenderer.render(column, in: tall.area, buffer: &tall)
        #expect(tall[0, 1].foreground == .rgb(3, 3, 3))
        #expect(tall[0, 1].background == .terminalDefault)
    }
}
