import Foundation
import TerminalUI

/// Standard output and error for text that may carry untrusted content (paths, prompts,
/// metadata, error messages): everything passes the one sanitizer, `TerminalText.sanitized`,
/// before it reaches the terminal.
enum Console {
    static func line(_ text: String) {
        print(sanitized(text))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((sanitized(text) + "\n").utf8))
    }

    /// Line breaks are kept (tables, prompts over several lines); escape sequences, controls
    /// and bidirectional overrides are not.
    static func sanitized(_ text: String) -> String {
        TerminalText.sanitized(text, mode: .multiLine)
    }
}
