/// What reading the history found.
public struct HistoryContents: Sendable, Equatable {
    /// The readable entries, oldest first.
    public var entries: [HistoryEntry]
    /// The lines that could not be read; they were skipped.
    public var problems: [HistoryProblem]

    public init(entries: [HistoryEntry], problems: [HistoryProblem]) {
        self.entries = entries
        self.problems = problems
    }
}
