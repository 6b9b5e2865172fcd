/// What a cell shows, as a theme sees it. Widgets draw roles; the theme turns each role into
/// colours and attributes. The raw value is the table name in theme files (sdxl-themes(5)).
public enum UIRole: String, CaseIterable, Hashable, Sendable {
    case background
    case text
    case dimText = "dim_text"
    case border
    case focusedBorder = "focused_border"
    case title
    case selection
    case match
    case statusBar = "status_bar"
    case helpKey = "help_key"
    case helpText = "help_text"
    case sliderTrack = "slider_track"
    case sliderFill = "slider_fill"
    case sliderKnob = "slider_knob"
    case progressFill = "progress_fill"
    case progressTrack = "progress_track"
    case warning
    case error
    case success
    case editorCursor = "editor_cursor"
    case tokenCountOK = "token_ok"
    case tokenCountWarning = "token_warn"
    case canvas
    case crop
    case target

    /// One line of what the role is for, used by the man page and the theme checker.
    public var purpose: String {
        switch self {
        case .background: return "empty space everywhere; its background is the screen's"
        case .text: return "ordinary text and editor contents"
        case .dimText: return "secondary text: hints, placeholders, units"
        case .border: return "panel borders"
        case .focusedBorder: return "the border and title of the focused panel"
        case .title: return "panel titles"
        case .selection: return "the selected list row and selected editor text"
        case .match: return "characters matched by the fuzzy picker"
        case .statusBar: return "the status bar at the bottom"
        case .helpKey: return "key names in help and the status bar"
        case .helpText: return "descriptions next to key names"
        case .sliderTrack: return "the empty part of a slider"
        case .sliderFill: return "the filled part of a slider"
        case .sliderKnob: return "the slider's knob"
        case .progressFill: return "the done part of a progress bar (and its text)"
        case .progressTrack: return "the remaining part of a progress bar (and its text)"
        case .warning: return "warnings"
        case .error: return "errors"
        case .success: return "completion messages"
        case .editorCursor: return "the cursor cell in a text editor"
        case .tokenCountOK: return "a token counter within the limit"
        case .tokenCountWarning: return "a token counter over the limit"
        case .canvas: return "the canvas outline in the conditioning drawing"
        case .crop: return "the crop rectangle in the conditioning drawing"
        case .target: return "the target rectangle in the conditioning drawing"
        }
    }
}
