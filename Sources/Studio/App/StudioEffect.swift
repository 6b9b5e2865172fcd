import Jobs
import StableDiffusionXL

/// Something a key asks of the world outside the state: the app carries it out.
public enum StudioEffect: Sendable, Equatable {
    /// Enqueue a job with these settings (prompts included); `ticket` names it in the board.
    case submit(GenerationParameters, ticket: Int)
    case cancel(JobID)
    case moveJob(JobID, up: Bool)
    /// Save the current settings as a user preset with this name.
    case savePreset(name: String)
    /// Apply the preset with this name.
    case applyPreset(name: String)
    case applyTheme(name: String)
    case quit
}
