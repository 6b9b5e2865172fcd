// What text a preset may hold: names and descriptions are single lines of visible characters;
// templates may also hold tabs and line feeds. Escape sequences and other controls are refused,
// so a preset file cannot smuggle terminal commands into the interface.
import TerminalUI

enum PresetText {
    enum Kind {
        case name, description, template

        var limit: Int {
            switch self {
            case .name: return PresetSchema.nameLimit
            case .description: return PresetSchema.descriptionLimit
            case .template: return PresetSchema.templateLimit
            }
        }
    }

    /// `text` as a message may show it: cut to a name's length, escape sequences removed.
    static func shown(_ text: String) -> String {
        TerminalText.sanitized(String(text.prefix(PresetSchema.nameLimit)))
    }

    /// Why `text` cannot be used as `kind`, or nil when it can.
    static func problem(in text: String, as kind: Kind) -> String? {
        if kind == .name, text.allSatisfy(\.isWhitespace) {
            return "is empty; give the preset a name"
        }
        let count = text.count
        if count > kind.limit {
            return "is \(count) characters long; the limit is \(kind.limit)"
        }
        for (offset, scalar) in text.unicodeScalars.enumerated() where !isAllowed(scalar, in: kind) {
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            let allowedHere = kind == .template ? "; only tabs and line feeds (\\t, \\n) may be used" : ""
            return "contains the control or invisible character \(code) at position \(offset + 1)\(allowedHere)"
        }
        return nil
    }

    private static func isAllowed(_ scalar: Unicode.Scalar, in kind: Kind) -> Bool {
        switch TerminalText.classify(scalar) {
        case .visible, .combiningMark, .variationSelector:
            return true
        case .tab:
            return kind == .template
        case .lineBreak:
            return kind == .template && scalar == "\n"
        case .invisible:
            return kind == .template
        case .escape, .controlSequenceIntroducer, .controlStringIntroducer, .carriageReturn, .control, .noncharacter:
            return false
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
