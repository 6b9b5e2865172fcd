import Testing
@testable import TerminalUI

@Suite("Text editor model")
struct TextEditorTests {
    @Test("left and right step over whole grapheme clusters")
    func graphemeMotion() {
        var editor = TextEditorState(text: "ae\u{301}🇫🇷👨\u{200D}👩\u{200D}👧z")
        #expect(editor.cursor == TextPosition(line: 0, column: 5))
        var columns: [Int] = []
        for _ in 0..<6 {
            editor.moveLeft()
            columns.append(editor.cursor.column)
        }
        #expect(columns == [4, 3, 2, 1, 0, 0])
        editor.moveToEnd()
        editor.deleteBackward()
        editor.deleteBackward()
        editor.deleteBackward()
        #expect(editor.text == "ae\u{301}")
        editor.moveToStart()
        editor.deleteForward()
        #expect(editor.text == "e\u{301}")
    }

    @Test("a combining mark typed after its base joins it")
    func combiningInsert() {
        var editor = TextEditorState(text: "e")
        editor.insert("\u{301}")
        #expect(editor.lines == [["e\u{301}"]])
        #expect(editor.cursor.column == 1)
        editor.insert("x")
        #expect(editor.text == "e\u{301}x")
    }

    @Test("up and down keep the display column across wide characters")
    func verticalByDisplayColumn() {
        var editor = TextEditorState(text: "漢字abc\nabcdefgh")
        editor.moveCursor(to: TextPosition(line: 1, column: 4))
        editor.moveUp()
        #expect(editor.cursor == TextPosition(line: 0, column: 2))   // 漢字 are 4 columns
        editor.moveDown()
        #expect(editor.cursor == TextPosition(line: 1, column: 4))
        editor.moveCursor(to: TextPosition(line: 1, column: 3))
        editor.moveUp()
        #expect(editor.cursor == TextPosition(line: 0, column: 1))   // column 3 is inside 字: stop before it
        editor.moveUp()
        #expect(editor.cursor == .start)
        editor.moveDown()
        editor.moveDown()
        editor.moveDown()
        #expect(editor.cursor == editor.endPosition)
    }

    @Test("the goal column survives a short line")
    func goalColumn() {
        var editor = TextEditorState(text: "abcdef\nab\nabcdef")
        editor.moveCursor(to: TextPosition(line: 0, column: 5))
        editor.moveDown()
        #expect(editor.cursor == TextPosition(line: 1, column: 2))
        editor.moveDown()
        #expect(editor.cursor == TextPosition(line: 2, column: 5))
    }

    @Test("up and down move by wrapped rows")
    func wrappedRows() {
        var editor = TextEditorState(text: "the quick brown fox")
        editor.wrapWidth = 10
        #expect(editor.visualRows.map { [$0.start, $0.end] } == [[0, 10], [10, 19]])
        #expect(editor.cursorScreenPosition.row == 1 && editor.cursorScreenPosition.column == 9)
        editor.moveUp()
        #expect(editor.cursor == TextPosition(line: 0, column: 9))
        editor.moveDown()
        #expect(editor.cursor == TextPosition(line: 0, column: 19))
        editor.wrapWidth = 4
        // "the " "quic" "k " "brow" "n " "fox": after a space where one falls in the row.
        #expect(editor.visualRows.map { [$0.start, $0.end] } == [[0, 4], [4, 8], [8, 10], [10, 14], [14, 16], [16, 19]])
    }

    @Test("word motions")
    func words() {
        var editor = TextEditorState(text: "hello, world foo")
        editor.moveToStart()
        editor.moveWordRight()
        #expect(editor.cursor.column == 5)
        editor.moveWordRight()
        #expect(editor.cursor.column == 12)
        editor.moveWordLeft()
        #expect(editor.cursor.column == 7)
        editor.moveWordLeft()
        #expect(editor.cursor.column == 0)
        var lines = TextEditorState(text: "ab\ncd")
        lines.moveCursor(to: TextPosition(line: 0, column: 2))
        lines.moveWordRight()
        #expect(lines.cursor == TextPosition(line: 1, column: 2))
        lines.moveWordLeft()
        #expect(lines.cursor == TextPosition(line: 1, column: 0))
        lines.moveWordLeft()
        #expect(lines.cursor == .start)
    }

    @Test("shift-selection is replaced by typing")
    func selectionTyping() {
        var editor = TextEditorState(text: "hello world")
        editor.moveToStart()
        for _ in 0..<5 { editor.moveRight(extendingSelection: true) }
        #expect(editor.selectedText == "hello")
        editor.insert("bye")
        #expect(editor.text == "bye world")
        #expect(editor.selection == nil)
        editor.selectAll()
        editor.deleteBackward()
        #expect(editor.isEmpty)
    }

    @Test("undo groups a run of typing; redo brings it back")
    func undoRedo() {
        var editor = TextEditorState()
        for character in "abc" { editor.insert(String(character)) }
        editor.undo()
        #expect(editor.text == "")
        editor.redo()
        #expect(editor.text == "abc")
        editor.moveLeft()
        editor.insert("X")
        #expect(editor.text == "abXc")
        editor.undo()
        #expect(editor.text == "abc")
        editor.undo()
        #expect(editor.text == "")
        #expect(!editor.canUndo)
        editor.redo()
        editor.redo()
        #expect(editor.text == "abXc")
        #expect(!editor.canRedo)
        editor.deleteBackward()
        editor.deleteBackward()
        editor.undo()
        #expect(editor.text == "abXc")
    }

    @Test("consecutive kills join in the ring; yank pastes them")
    func kills() {
        var ring = KillRing()
        var editor = TextEditorState(text: "one two three")
        editor.killWordBackward(into: &ring)
        editor.killWordBackward(into: &ring)
        #expect(editor.text == "one ")
        #expect(ring.latest == "two three")
        editor.moveToLineStart()
        editor.paste(from: ring)
        #expect(editor.text == "two threeone ")

        var lines = TextEditorState(text: "ab\ncd")
        lines.moveCursor(to: TextPosition(line: 0, column: 1))
        lines.killToLineEnd(into: &ring)
        lines.killToLineEnd(into: &ring)
        #expect(lines.text == "acd")
        #expect(ring.latest == "b\n")
        lines.killToLineStart(into: &ring)          // still a run of kills: joins, in front
        #expect(lines.text == "cd")
        #expect(ring.entries == ["two three", "ab\n"])
    }

    @Test("cut, copy and paste a selection")
    func clipboard() {
        var ring = KillRing()
        var editor = TextEditorState(text: "hello world")
        editor.moveCursor(to: TextPosition(line: 0, column: 6))
        editor.moveToLineEnd(extendingSelection: true)
        check(editor.copySelection(to: &ring))
        #expect(ring.latest == "world")
        check(editor.cutSelection(to: &ring))
        #expect(editor.text == "hello ")
        editor.paste(from: ring)
        editor.paste(from: ring)
        #expect(editor.text == "hello worldworld")
        check(!editor.cutSelection(to: &ring))
    }

    @Test("history: back through entries, forward to the draft")
    func history() {
        var editor = TextEditorState(text: "draft", history: EditHistory(entries: ["first", "second"]))
        check(editor.recallPrevious())
        #expect(editor.text == "second")
        check(editor.recallPrevious())
        #expect(editor.text == "first")
        check(!editor.recallPrevious())
        check(editor.recallNext())
        #expect(editor.text == "second")
        check(editor.recallNext())
        #expect(editor.text == "draft")
        check(!editor.recallNext())
        editor.commitToHistory()
        #expect(editor.history.entries == ["first", "second", "draft"])
        editor.commitToHistory()
        #expect(editor.history.entries.count == 3)
    }

    @Test("inserted text is sanitized; single-line editors show line breaks")
    func sanitizedInsert() {
        var multi = TextEditorState()
        multi.insert("a\u{1B}[31mb\r\nc\u{202E}d")
        #expect(multi.lines == [["a", "b"], ["c", "d"]])
        var single = TextEditorState(isMultiLine: false)
        single.insert("a\nb")
        #expect(single.text == "a⏎b")
        single.insertNewline()
        #expect(single.text == "a⏎b")
    }

    @Test("keys")
    func keys() {
        var ring = KillRing()
        var editor = TextEditorState(text: "ab")
        check(editor.handle(.character("c"), clipboard: &ring))
        check(editor.handle(Key(.enter), clipboard: &ring))
        check(editor.handle(.character("d"), clipboard: &ring))
        #expect(editor.text == "abc\nd")
        check(editor.handle(Key(.up), clipboard: &ring))
        #expect(editor.cursor == TextPosition(line: 0, column: 1))
        check(editor.handle(.control("e"), clipboard: &ring))
        check(editor.handle(Key(.left, [.shift, .control]), clipboard: &ring))
        #expect(editor.selectedText == "abc")
        check(editor.handle(.control("x"), clipboard: &ring))
        check(editor.handle(.control("z"), clipboard: &ring))
        #expect(editor.text == "abc\nd")
        check(editor.handle(.control("y"), clipboard: &ring))
        #expect(editor.text == "\nd")
        check(!editor.handle(Key(.up, .control), clipboard: &ring))
        check(!editor.handle(Key(.tab), clipboard: &ring))
        check(!editor.handle(.control("r"), clipboard: &ring))
        var single = TextEditorState(isMultiLine: false)
        check(!single.handle(Key(.enter), clipboard: &ring))
    }

    @Test("rendering: wrapped rows, cursor cell, selection, placeholder")
    func rendering() {
        var editor = TextEditorState(text: "hello world")
        var buffer = CellBuffer(width: 8, height: 3)
        TextEditor(isFocused: true).render(in: buffer.area, buffer: &buffer, state: &editor)
        #expect(TestBackend.lines(of: buffer) == ["hello   ", "world   ", "        "])
        #expect(TestBackend.roleLines(of: buffer) == ["tttttttt", "tttttctt", "tttttttt"])
        #expect(buffer.cursor == .init(x: 5, y: 1))

        editor.moveToStart()
        for _ in 0..<5 { editor.moveRight(extendingSelection: true) }
        buffer = CellBuffer(width: 8, height: 3)
        TextEditor(isFocused: false).render(in: buffer.area, buffer: &buffer, state: &editor)
        #expect(TestBackend.roleLines(of: buffer)[0] == "sssssttt")
        #expect(buffer.cursor == nil)

        var empty = TextEditorState()
        buffer = CellBuffer(width: 8, height: 1)
        TextEditor(isFocused: false, placeholder: "prompt…").render(in: buffer.area, buffer: &buffer, state: &empty)
        #expect(TestBackend.lines(of: buffer) == ["prompt… "])
        #expect(TestBackend.roleLines(of: buffer) == ["dddddddt"])
    }

    @Test("rendering scrolls to keep the cursor visible")
    func scrolling() {
        var editor = TextEditorState(text: (1...10).map { "line \($0)" }.joined(separator: "\n"))
        var buffer = CellBuffer(width: 10, height: 3)
        TextEditor(isFocused: true).render(in: buffer.area, buffer: &buffer, state: &editor)
        #expect(TestBackend.lines(of: buffer) == ["line 8    ", "line 9    ", "line 10   "])
        editor.moveToStart()
        TextEditor(isFocused: true).render(in: buffer.area, buffer: &buffer, state: &editor)
        #expect(editor.scrollRow == 0)
        #expect(TestBackend.lines(of: buffer)[0] == "line 1    ")
    }
}
