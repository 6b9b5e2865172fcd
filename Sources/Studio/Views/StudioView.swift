import Foundation
import Imaging
import TerminalUI

/// Draws the whole screen from the state: panels, overlays and the status bar, into a cell
/// buffer. Sixel pictures cannot live in cells, so their places are handed back for the app to
/// write after the frame.
public struct StudioView {
    public var state: StudioState
    public var pictures: PreviewPictures
    public var graphics: GraphicsMode
    public var capability: ColorCapability
    public var tokenCounter: TokenCounter?

    public init(state: StudioState, pictures: PreviewPictures, graphics: GraphicsMode,
                capability: ColorCapability, tokenCounter: TokenCounter?) {
        self.state = state
        self.pictures = pictures
        self.graphics = graphics
        self.capability = capability
        self.tokenCounter = tokenCounter
    }

    /// The frame for a terminal of `size`, and the sixel pictures to place over it.
    public func render(size: TerminalSize) -> (buffer: CellBuffer, sixels: [SixelSlot]) {
        var buffer = CellBuffer(width: size.columns, height: size.rows)
        guard let layout = StudioLayout(size: size, editorPanels: state.panels.filter(\.isEditor)) else {
            renderTooSmall(size: size, buffer: &buffer)
            return (buffer, [])
        }
        for (panel, rect) in layout.editors { renderEditor(panel, in: rect, buffer: &buffer) }
        renderSettings(in: layout.settings, buffer: &buffer)
        renderDiagram(in: layout.diagram, buffer: &buffer)
        var sixels = renderPreview(in: layout.preview, buffer: &buffer)
        renderQueue(in: layout.queue, buffer: &buffer)
        renderStatus(in: layout.status, buffer: &buffer)
        if state.overlay != nil {
            renderOverlay(in: Rect(width: size.columns, height: size.rows - 1), buffer: &buffer)
            // An overlay may cover the pane; pictures come back when it closes.
            sixels = []
        }
        return (buffer, sixels)
    }

    func renderTooSmall(size: TerminalSize, buffer: inout CellBuffer) {
        let minimum = StudioLayout.minimumSize
        let lines = ["The terminal is too small for sdxl.",
                     "It is \(size.columns)×\(size.rows); make it at least \(minimum.columns)×\(minimum.rows).",
                     "Ctrl-Q quits."]
        let top = max(0, size.rows / 2 - 1)
        for (offset, line) in lines.enumerated() where top + offset < size.rows {
            Label(line, role: offset == 2 ? .dimText : .warning, alignment: .center)
                .render(in: buffer.area.row(top + offset), buffer: &buffer)
        }
    }
}
