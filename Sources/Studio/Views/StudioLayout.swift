import TerminalUI

/// Where each panel goes at one terminal size.
///
/// Wide terminals (≥ 110 columns) get three columns: prompts, settings, and the preview over
/// the job queue. Narrower ones stack the prompts over the settings on the left. Below
/// `minimumSize` nothing fits and the app shows its "too small" screen.
public struct StudioLayout: Equatable, Sendable {
    public static let minimumSize = TerminalSize(columns: 64, rows: 20)

    public var editors: [StudioPanel: Rect] = [:]
    public var settings = Rect.zero
    /// The conditioning drawing under the sliders (empty when there is no room).
    public var diagram = Rect.zero
    public var preview = Rect.zero
    public var queue = Rect.zero
    public var status = Rect.zero

    /// The layout for `size`, or nil when the terminal is too small.
    public init?(size: TerminalSize, editorPanels: [StudioPanel]) {
        guard size.columns >= Self.minimumSize.columns, size.rows >= Self.minimumSize.rows else { return nil }
        let screen = Rect(width: size.columns, height: size.rows)
        let rows = screen.split(.vertical, [.fill(1), .length(1)])
        status = rows[1]
        let main = rows[0]

        let promptArea: Rect, settingsArea: Rect, rightArea: Rect
        if size.columns >= 110 {
            let columns = main.split(.horizontal, [.percentage(32), .length(40), .fill(1)])
            (promptArea, settingsArea, rightArea) = (columns[0], columns[1], columns[2])
        } else {
            let columns = main.split(.horizontal, [.length(40), .fill(1)])
            let left = columns[0].split(.vertical, [.percentage(40), .fill(1)])
            (promptArea, settingsArea, rightArea) = (left[0], left[1], columns[1])
        }

        let weights = editorPanels.map { $0 == .prompt ? Constraint.fill(2) : Constraint.fill(1) }
        for (panel, rect) in zip(editorPanels, promptArea.split(.vertical, weights)) {
            editors[panel] = rect
        }

        let diagramHeight = settingsArea.height >= 30 ? 9 : 0
        let settingsParts = settingsArea.split(.vertical, [.fill(1), .length(diagramHeight)])
        settings = settingsParts[0]
        diagram = settingsParts[1]

        let queueHeight = min(10, max(5, rightArea.height / 3))
        let rightParts = rightArea.split(.vertical, [.fill(1), .length(queueHeight)])
        preview = rightParts[0]
        queue = rightParts[1]
    }
}
