/// The model of a text editor: lines of grapheme clusters, a cursor, an optional selection,
/// undo and redo, and a history to walk through. Positions count grapheme clusters, so one
/// step moves over "é" written as e + U+0301, over "👨‍👩‍👧" or over "🇫🇷" as a whole.
///
/// Everything inserted is sanitized first (`TerminalText.sanitized`), so the text never holds
/// controls; a single-line editor turns line breaks into "⏎".
public struct TextEditorState: Sendable {
    public private(set) var lines: [[Character]]
    public internal(set) var cursor: TextPosition
    /// The other end of the selection; nil when nothing is selected.
    public internal(set) var anchor: TextPosition?
    public let isMultiLine: Bool
    /// Width (in columns) at which the view wraps lines; up and down move by wrapped rows.
    /// nil: no wrapping. The view sets it when drawing.
    public var wrapWidth: Int?
    /// First wrapped row shown by the view.
    public var scrollRow: Int = 0
    public var history: EditHistory

    /// The display column up and down aim for, kept across consecutive vertical moves.
    var goalColumn: Int?
    var undoStack: [Snapshot] = []
    var redoStack: [Snapshot] = []
    var lastEdit: EditKind?
    var lastWasKill = false

    public static let undoLimit = 200

    struct Snapshot: Hashable, Sendable {
        var lines: [[Character]]
        var cursor: TextPosition
    }

    /// Kinds of edit; consecutive edits of a kind that coalesces undo as one step.
    enum EditKind: Hashable, Sendable {
        case typing, deletingBackward, deletingForward, other
        var coalesces: Bool { self != .other }
    }

    public init(text: String = "", isMultiLine: Bool = true, history: EditHistory = EditHistory()) {
        self.isMultiLine = isMultiLine
        self.history = history
        self.lines = [[]]
        self.cursor = .start
        self.lines = Self.split(Self.clean(text, multiLine: isMultiLine))
        self.cursor = endPosition
    }

    /// The whole text, lines joined by "\n".
    public var text: String {
        lines.map { String($0) }.joined(separator: "\n")
    }

    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    public var endPosition: TextPosition {
        TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
    }

    /// The selected range (ordered), or nil when there is no selection or it is empty.
    public var selection: Range<TextPosition>? {
        guard let anchor, anchor != cursor else { return nil }
        return min(anchor, cursor)..<max(anchor, cursor)
    }

    public var selectedText: String? {
        selection.map { text(in: $0) }
    }

    /// The text between two positions.
    public func text(in range: Range<TextPosition>) -> String {
        let lower = range.lowerBound, upper = range.upperBound
        if lower.line == upper.line {
            return String(lines[lower.line][lower.column..<upper.column])
        }
        var parts = [String(lines[lower.line][lower.column...])]
        if upper.line - lower.line > 1 {
            for line in (lower.line + 1)..<upper.line { parts.append(String(lines[line])) }
        }
        parts.append(String(lines[upper.line][..<upper.column]))
        return parts.joined(separator: "\n")
    }

    /// Replaces everything (an undoable edit) and puts the cursor at the end.
    public mutating func setText(_ newText: String) {
        recordUndo(.other)
        lines = Self.split(Self.clean(newText, multiLine: isMultiLine))
        cursor = endPosition
        anchor = nil
        goalColumn = nil
    }

    /// Moves the cursor (clamped to the text), dropping the selection unless `extendingSelection`.
    public mutating func moveCursor(to position: TextPosition, extendingSelection: Bool = false) {
        let clamped = clamp(position)
        if extendingSelection {
            if anchor == nil { anchor = cursor }
        } else {
            anchor = nil
        }
        cursor = clamped
        goalColumn = nil
        lastEdit = nil
        lastWasKill = false
    }

    public mutating func selectAll() {
        anchor = .start
        cursor = endPosition
    }

    func clamp(_ position: TextPosition) -> TextPosition {
        let line = min(max(0, position.line), lines.count - 1)
        return TextPosition(line: line, column: min(max(0, position.column), lines[line].count))
    }

    static func clean(_ text: String, multiLine: Bool) -> String {
        TerminalText.sanitized(text, mode: multiLine ? .multiLine : .singleLine)
    }

    static func split(_ text: String) -> [[Character]] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    }

    /// Replaces the whole line store (used by edits, which keep the cursor valid themselves).
    mutating func replaceLines(_ newLines: [[Character]]) {
        lines = newLines.isEmpty ? [[]] : newLines
    }
}
