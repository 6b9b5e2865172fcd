/// A piece of text drawn in one role.
public struct Span: Hashable, Sendable {
    public var text: String
    public var role: UIRole

    public init(_ text: String, role: UIRole = .text) {
        self.text = text
        self.role = role
    }

    /// Display columns of the text once sanitized for one line.
    public var width: Int { TerminalText.width(of: TerminalText.sanitized(text)) }
}
