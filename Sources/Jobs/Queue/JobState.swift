/// Where a job stands, as a UI shows it.
public enum JobState: Sendable, Equatable {
    /// Waiting; position 0 runs next.
    case queued(position: Int)
    /// Running; `stage` is nil until the runner enters its first stage, `step` counts the steps
    /// completed in the stage out of `total`.
    case running(stage: JobStage?, step: Int, total: Int)
    case finished
    case failed(message: String)
    case cancelled

    /// Whether the job can no longer change.
    public var isEnded: Bool {
        switch self {
        case .finished, .failed, .cancelled: return true
        case .queued, .running: return false
        }
    }
}
