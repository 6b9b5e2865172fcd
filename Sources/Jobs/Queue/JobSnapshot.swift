import Foundation

/// A copy of one job's state at one moment, for a UI.
public struct JobSnapshot: Sendable, Equatable {
    public var id: JobID
    public var title: String
    public var state: JobState
    public var submittedAt: Date
    public var startedAt: Date?
    public var endedAt: Date?
    /// Files written by a finished job.
    public var outputs: [URL]
    /// Timings of a finished job.
    public var timings: JobTimings?
}
