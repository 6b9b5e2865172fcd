import Foundation

/// What an append did besides adding the entry.
public struct HistoryAppendReport: Sendable, Equatable {
    /// Malformed lines found (and left out of the rewritten file).
    public var problems: [HistoryProblem]
    /// Where the file was copied, unchanged, before malformed lines were dropped.
    public var backup: URL?
    /// Old entries removed to keep the file within its size bound.
    public var trimmed: Int

    /// One line for a log or a warning event, or nil when nothing is worth saying.
    public var warning: String? {
        guard !problems.isEmpty else { return nil }
        let listed = problems.prefix(3).map(\.description).joined(separator: "; ")
        let more = problems.count > 3 ? " and \(problems.count - 3) more" : ""
        let kept = backup.map { "; the file as it was is kept in \($0.path)" } ?? ""
        return "the history file had \(problems.count) unreadable line(s), left out of the new file: \(listed)\(more)\(kept)"
    }
}
