import Testing
@testable import TerminalUI

@Suite("CellBuffer and TestBackend")
struct CellBufferTests {
    @Test("wide clusters take two cells and render once")
    func wideClusters() {
        var buffer = CellBuffer(width: 6, height: 1)
        let used = buffer.write("a漢b", x: 0, y: 0, role: .text)
        #expect(used == 4)
        #expect(TestBackend.lines(of: buffer) == ["a漢b  "])
        #expect(buffer[1, 0].width == 2)
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer[3, 0].symbol == "b")
    }

    @Test("overwriting half of a wide cluster blanks the other half")
    func overwriteHalves() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.write("a漢b", x: 0, y: 0, role: .text)
        buffer.write("x", x: 2, y: 0, role: .text)            // right half
        #expect(TestBackend.lines(of: buffer) == ["a xb  "])
        buffer.write("漢", x: 0, y: 0, role: .text)           // over "a" and the space
        buffer.write("y", x: 0, y: 0, role: .text)            // left half
        #expect(TestBackend.lines(of: buffer) == ["y xb  "])
        buffer.write("字字", x: 3, y: 0, role: .text)
        #expect(TestBackend.lines(of: buffer) == ["y x字 "])  // the second does not fit: a space
    }

    @Test("a wide cluster at the right edge becomes a space")
    func wideAtEdge() {
        var buffer = CellBuffer(width: 3, height: 1)
        buffer.write("ab漢", x: 0, y: 0, role: .text)
        #expect(TestBackend.lines(of: buffer) == ["ab "])
    }

    @Test("written text is sanitized: no control reaches a cell")
    func sanitizes() {
        var buffer = CellBuffer(width: 8, height: 1)
        buffer.write("a\u{1B}[31mb\nc\u{07}", x: 0, y: 0, role: .text)
        #expect(TestBackend.lines(of: buffer) == ["ab⏎c�   "])
        buffer.put("\u{1B}", x: 7, y: 0, role: .text)
        #expect(buffer[7, 0].symbol == "�")
    }

    @Test("clipping")
    func clipping() {
        var buffer = CellBuffer(width: 6, height: 2)
        let used = buffer.write("hello", x: 1, y: 0, role: .text, clip: Rect(x: 1, y: 0, width: 3, height: 1))
        #expect(used == 3)
        buffer.write("out", x: 0, y: 1, role: .text, clip: Rect(x: 0, y: 0, width: 6, height: 1))
        buffer.write("neg", x: -2, y: 1, role: .text)
        #expect(TestBackend.lines(of: buffer) == [" hel  ", "g     "])
    }

    @Test("role lines use the legend")
    func roleLines() {
        var buffer = CellBuffer(width: 5, height: 1)
        buffer.write("ab", x: 1, y: 0, role: .title)
        buffer.setRole(.selection, in: Rect(x: 3, y: 0, width: 2, height: 1))
        #expect(TestBackend.roleLines(of: buffer) == [".TTss"])
        #expect(TestBackend.roleLines(of: buffer, legend: [.background: " "]) == [" ????"])
    }

    @Test("every role has a distinct legend letter")
    func legendComplete() {
        let letters = UIRole.allCases.compactMap { TestBackend.defaultLegend[$0] }
        #expect(letters.count == UIRole.allCases.count)
        #expect(Set(letters).count == letters.count)
    }

    @Test("the test backend keeps frames and hands out queued keys")
    func backend() throws {
        var backend = TestBackend(columns: 4, rows: 1)
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("hi", x: 0, y: 0, role: .text)
        try backend.draw(buffer, theme: .fallback)
        #expect(backend.lines == ["hi  "])
        #expect(backend.frameCount == 1)
        backend.pendingKeys = [.control("r"), Key(.escape)]
        check(backend.readKey(timeoutMilliseconds: 0) == .control("r"))
        check(backend.readKey(timeoutMilliseconds: 0) == Key(.escape))
        check(backend.readKey(timeoutMilliseconds: 0) == nil)
    }
}
