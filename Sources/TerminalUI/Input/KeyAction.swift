/// What the application does in answer to a key, independent of which key it is.
public enum KeyAction: String, CaseIterable, Hashable, Sendable {
    case generate
    case cancelJob = "cancel_job"
    case focusNext = "focus_next"
    case focusPrevious = "focus_previous"
    case help
    case savePreset = "save_preset"
    case presetPicker = "preset_picker"
    case compareView = "compare_view"
    case themePicker = "theme_picker"
    case quit
    case historyPrevious = "history_previous"
    case historyNext = "history_next"

    /// Short words for the help screen and the status bar.
    public var summary: String {
        switch self {
        case .generate: return "generate"
        case .cancelJob: return "cancel the running job"
        case .focusNext: return "next panel"
        case .focusPrevious: return "previous panel"
        case .help: return "help"
        case .savePreset: return "save preset"
        case .presetPicker: return "pick a preset"
        case .compareView: return "compare view"
        case .themePicker: return "pick a theme"
        case .quit: return "quit"
        case .historyPrevious: return "earlier prompt"
        case .historyNext: return "later prompt"
        }
    }
}
