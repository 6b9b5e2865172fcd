/// What a job asks the queue to run.
public struct JobRequest<Work: Sendable>: Sendable {
    public var work: Work
    /// A short text for lists ("a lighthouse at dusk, 30 steps").
    public var title: String
    /// The settings as JSON, recorded as they are in the history file.
    public var settings: JSONValue
    /// The start of the output file names; nil uses the date, time and job number.
    public var fileStem: String?

    public init(work: Work, title: String, settings: JSONValue = .null, fileStem: String? = nil) {
        self.work = work
        self.title = title
        self.settings = settings
        self.fileStem = fileStem
    }
}
