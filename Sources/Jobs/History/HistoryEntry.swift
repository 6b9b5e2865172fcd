import Foundation

/// One finished job, as the history file records it.
public struct HistoryEntry: Sendable, Codable, Equatable {
    public var id: UUID
    /// The job's number in the queue that ran it.
    public var job: Int
    public var title: String
    public var finishedAt: Date
    /// The job's settings, as the submitter gave them.
    public var settings: JSONValue
    /// Paths of the images written.
    public var outputs: [String]
    public var timings: JobTimings

    public init(id: UUID, job: Int, title: String, finishedAt: Date, settings: JSONValue, outputs: [String],
                timings: JobTimings) {
        self.id = id
        self.job = job
        self.title = title
        self.finishedAt = finishedAt
        self.settings = settings
        self.outputs = outputs
        self.timings = timings
    }

    enum CodingKeys: String, CodingKey {
        case id, job, title
        case finishedAt = "finished_at"
        case settings, outputs, timings
    }
}
