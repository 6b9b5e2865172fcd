import TerminalUI

/// A window drawn over the panels that takes every key while it is open.
public enum StudioOverlay: Sendable {
    case help
    /// Ctrl-P: pick a preset by fuzzy name.
    case presetPicker(FuzzyPickerState)
    /// Ctrl-T: pick a theme.
    case themePicker(FuzzyPickerState)
    /// Ctrl-S: type the new preset's name.
    case savePreset(TextEditorState)
    /// Ctrl-Q with jobs queued or running: quit anyway?
    case confirmQuit
}
