/// The panels Tab and Shift-Tab move between, in that order.
public enum StudioPanel: String, CaseIterable, Sendable {
    case prompt, negativePrompt, prompt2, negativePrompt2, settings, queue

    public var title: String {
        switch self {
        case .prompt: return "Prompt"
        case .negativePrompt: return "Negative prompt"
        case .prompt2: return "Prompt 2 (OpenCLIP)"
        case .negativePrompt2: return "Negative prompt 2"
        case .settings: return "Settings"
        case .queue: return "Jobs"
        }
    }

    /// Whether the panel is a text editor (where printable keys are text).
    public var isEditor: Bool {
        switch self {
        case .prompt, .negativePrompt, .prompt2, .negativePrompt2: return true
        case .settings, .queue: return false
        }
    }
}
