import Foundation

/// A line of the history file that could not be read.
public struct HistoryProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// Counted from 1.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }
}
