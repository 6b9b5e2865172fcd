import Foundation

/// Standard output and error for text that may carry untrusted content (paths, prompts,
/// metadata, error messages): every line is sanitized before it reaches the terminal.
enum Console {
    static func line(_ text: String) {
        print(sanitized(text))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((sanitized(text) + "\n").utf8))
    }

    /// Keeps printable text and line breaks; control characters (C0 except newline and tab,
    /// DEL, C1, which covers ESC-introduced sequences) and bidirectional overrides become U+FFFD.
    static func sanitized(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: result.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                result.append("\u{FFFD}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
