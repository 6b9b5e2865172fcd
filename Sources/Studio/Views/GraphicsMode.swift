/// How the preview pane draws pictures.
public enum GraphicsMode: String, Sendable, CaseIterable {
    /// Sixel pictures, written after each frame at the pane's cells.
    case sixel
    /// Unicode half blocks ("▀") in the frame itself, in the terminal's colours.
    case blocks
    /// No pictures, only the job's progress and file names.
    case none
}
