import Foundation
import Imaging

/// What happens to one job, in order. Every job's events end with exactly one terminal event
/// (`finished`, `failed` or `cancelled`), after which its streams finish.
public enum JobEvent: Sendable {
    /// Waiting; `position` 0 runs next. Sent on submission and whenever the position changes.
    case queued(position: Int)
    /// The job left the queue and is running on its worker.
    case started
    /// The job entered a stage of `steps` steps (0 for a stage without steps).
    case stage(JobStage, steps: Int)
    /// A step of the current stage completed.
    case step(StepReport)
    /// An intermediate picture after `step` steps of the current stage.
    case preview(RGBImage, step: Int)
    /// Which preview decoder the job uses, how often, and why.
    case previewPlan(PreviewPlan)
    /// Something went wrong that did not stop the job (for example a malformed history file,
    /// which was backed up). The text names the file and line and says what was done.
    case warning(String)
    /// The job completed; its images were written to `paths`.
    case finished(paths: [URL], timings: JobTimings)
    /// The job stopped with an error.
    case failed(message: String)
    /// The job was cancelled while queued or while running.
    case cancelled

    /// Whether this event ends the job.
    public var isTerminal: Bool {
        switch self {
        case .finished, .failed, .cancelled: return true
        default: return false
        }
    }
}
