// The single gate between untrusted text (prompts, file names, metadata, error text from files)
// and the terminal. Escape sequences are interpreted by the ECMA-48 grammar (CSI, OSC, DCS, SOS,
// PM, APC strings and the short ESC forms) so that their payloads vanish together with them.

extension TerminalText {
    /// The longest run of combining marks kept on one base character; longer runs (stacked
    /// "zalgo" text that spills over neighbouring lines) are cut to this length.
    public static let maximumCombiningMarks = 8

    /// Returns `text` with nothing left that a terminal would execute or that hides or reorders
    /// what is shown:
    /// - escape sequences (7-bit `ESC …` and their 8-bit C1 forms) are removed with their
    ///   parameters and string payloads;
    /// - other C0 and C1 controls and DEL become "�", and so do noncharacters;
    /// - line breaks (LF, CR, CRLF, VT, FF, NEL, U+2028, U+2029) become "\n" in `.multiLine`
    ///   mode and "⏎" in `.singleLine` mode; a tab becomes one space;
    /// - bidirectional overrides, embeddings, isolates and marks, and other invisible format
    ///   characters are removed (zero-width joiner and non-joiner stay: emoji and scripts need
    ///   them); a variation selector is kept only directly after a visible character, once.
    public static func sanitized(_ text: String, mode: LineMode = .singleLine) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        output.reserveCapacity(scalars.count)
        var combiningRun = 0
        var previous: Unicode.Scalar?   // the last scalar written, nil at the start of a line
        var index = 0

        func emit(_ scalar: Unicode.Scalar) {
            output.append(scalar)
            previous = scalar
        }
        func emitLineBreak() {
            switch mode {
            case .singleLine:
                output.append(contentsOf: String(lineBreakSymbol).unicodeScalars)
                previous = lineBreakSymbol.unicodeScalars.first
            case .multiLine:
                output.append("\n")
                previous = nil
            }
            combiningRun = 0
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch classify(scalar) {
            case .escape:
                index = endOfEscapeSequence(scalars, escapeAt: index)
                continue
            case .controlSequenceIntroducer:
                index = endOfControlSequence(scalars, parametersFrom: index + 1)
                continue
            case .controlStringIntroducer:
                index = endOfControlString(scalars, payloadFrom: index + 1)
                continue
            case .carriageReturn:
                if index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                emitLineBreak()
            case .lineBreak:
                emitLineBreak()
            case .tab:
                emit(" ")
                combiningRun = 0
            case .control, .noncharacter:
                emit("\u{FFFD}")
                combiningRun = 0
            case .invisible:
                break
            case .variationSelector:
                if let before = previous, classify(before) != .variationSelector, before != "\n" {
                    emit(scalar)
                }
            case .combiningMark:
                if combiningRun < maximumCombiningMarks {
                    emit(scalar)
                    combiningRun += 1
                }
            case .visible:
                emit(scalar)
                combiningRun = 0
            }
            index += 1
        }
        return String(output)
    }

    /// What the sanitizer does with one scalar. Public so that tests and callers can ask.
    public enum ScalarClass: Sendable, Equatable {
        case escape, controlSequenceIntroducer, controlStringIntroducer
        case carriageReturn, lineBreak, tab, control, noncharacter
        case invisible, variationSelector, combiningMark, visible
    }

    /// Format characters that stay because they are visible (prepended concatenation marks)
    /// or needed to shape text (zero-width non-joiner and joiner).
    static let keptFormatCharacters: Set<UInt32> = [
        0x200C, 0x200D,
        0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2,
        0x110BD, 0x110CD,
    ]

    public static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        let value = scalar.value
        switch value {
        case 0x1B: return .escape
        case 0x9B: return .controlSequenceIntroducer
        case 0x90, 0x98, 0x9D, 0x9E, 0x9F: return .controlStringIntroducer   // DCS SOS OSC PM APC
        case 0x0D: return .carriageReturn
        case 0x0A, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: return .lineBreak
        case 0x09: return .tab
        case 0x00...0x1F, 0x7F...0x9F: return .control
        case 0xFDD0...0xFDEF: return .noncharacter
        case _ where value & 0xFFFE == 0xFFFE: return .noncharacter
        case 0xFE00...0xFE0F: return .variationSelector
        default: break
        }
        if keptFormatCharacters.contains(value) { return .visible }
        let properties = scalar.properties
        if properties.generalCategory == .format || properties.isDefaultIgnorableCodePoint {
            return .invisible
        }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return .combiningMark
        default: return .visible
        }
    }

    /// Index just past an `ESC …` sequence starting at `escapeAt`.
    static func endOfEscapeSequence(_ scalars: [Unicode.Scalar], escapeAt start: Int) -> Int {
        let next = start + 1
        guard next < scalars.count else { return next }
        switch scalars[next].value {
        case 0x5B: // [  CSI
            return endOfControlSequence(scalars, parametersFrom: next + 1)
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: // ]  P  X  ^  _   OSC DCS SOS PM APC
            return endOfControlString(scalars, payloadFrom: next + 1)
        case 0x20...0x2F: // intermediates, then one final byte (nF sequences such as ESC ( B)
            var index = next
            while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
            if index < scalars.count, (0x30...0x7E).contains(scalars[index].value) { index += 1 }
            return index
        case 0x30...0x7E: // two-character sequences: ESC 7, ESC c, ESC M, ESC \ …
            return next + 1
        default: // ESC before something that cannot continue a sequence: drop the ESC alone
            return next
        }
    }

    /// Index just past a control sequence whose parameters start at `start` (after CSI). A
    /// malformed sequence ends before the first scalar that cannot belong to it.
    static func endOfControlSequence(_ scalars: [Unicode.Scalar], parametersFrom start: Int) -> Int {
        var index = start
        while index < scalars.count {
            let value = scalars[index].value
            if (0x20...0x3F).contains(value) { index += 1; continue }
            if (0x40...0x7E).contains(value) { return index + 1 }
            return index
        }
        return index
    }

    /// Index just past a control string (OSC, DCS, SOS, PM, APC) whose payload starts at `start`.
    /// It ends at ST (`ESC \` or U+009C) or BEL; an ESC that does not start ST ends it too and
    /// begins a new sequence. An unterminated string runs to the end of the text.
    static func endOfControlString(_ scalars: [Unicode.Scalar], payloadFrom start: Int) -> Int {
        var index = start
        while index < scalars.count {
            switch scalars[index].value {
            case 0x07, 0x9C:
                return index + 1
            case 0x1B:
                if index + 1 < scalars.count, scalars[index + 1] == "\\" { return index + 2 }
                return index
            default:
                index += 1
            }
        }
        return index
    }
}
