import Foundation
import Imaging
import TerminalUI

extension StudioView {
    func renderEditor(_ panel: StudioPanel, in area: Rect, buffer: inout CellBuffer) {
        guard var editor = state.editors[panel] else { return }
        var footer: [Span] = []
        if let counter = tokenCounter {
            let count = counter.count(editor.text)
            footer = [Span(count.isTruncated ? " \(count.used)/77 truncated " : " \(count.used)/77 ",
                           role: count.isTruncated ? .tokenCountWarning : .tokenCountOK)]
        }
        let focused = state.focus == panel && state.overlay == nil
        let block = Block(title: panel.title, footer: footer, isFocused: focused)
        block.render(in: area, buffer: &buffer)
        let placeholder = panel == .prompt ? "describe the picture, then F5" : ""
        TextEditor(isFocused: focused, placeholder: placeholder).render(in: block.inner(area), buffer: &buffer, state: &editor)
    }

    func renderSettings(in area: Rect, buffer: inout CellBuffer) {
        let focused = state.focus == .settings && state.overlay == nil
        let block = Block(title: "Settings", footer: [Span(" x swap · ⌫ auto ", role: .dimText)], isFocused: focused)
        block.render(in: area, buffer: &buffer)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        let rows = state.settings.visibleRows
        let selected = min(max(0, state.settingsRow), rows.count - 1)
        let first = max(0, min(selected - inner.height / 2, rows.count - inner.height))
        for (offset, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
            var slider = state.settings.slider(for: row)
            if let entry = state.entry, entry.row == row { slider = entry.slider }
            Slider(label: state.settings.label(for: row), state: slider, labelWidth: 12, valueWidth: 14,
                   isFocused: focused && first + offset == selected)
                .render(in: inner.row(offset), buffer: &buffer)
        }
    }

    func renderDiagram(in area: Rect, buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let settings = state.settings
        let original = settings.effectiveOriginalSize, size = settings.size, target = settings.effectiveTargetSize
        let block = Block(title: "Conditioning", footer: [Span(" canvas ", role: .canvas), Span("crop ", role: .crop),
                                                          Span("target ", role: .target)])
        block.render(in: area, buffer: &buffer)
        ConditioningDiagram(canvasWidth: Double(original.width), canvasHeight: Double(original.height),
                            cropLeft: Double(settings.parameters.cropTopLeft.left),
                            cropTop: Double(settings.parameters.cropTopLeft.top),
                            cropWidth: Double(size.width), cropHeight: Double(size.height),
                            targetWidth: Double(target.width), targetHeight: Double(target.height))
            .render(in: block.inner(area), buffer: &buffer)
    }

    func renderQueue(in area: Rect, buffer: inout CellBuffer) {
        let focused = state.focus == .queue && state.overlay == nil
        let hint = focused ? [Span(" ⏎ open · d cancel · J/K move ", role: .dimText)] : []
        let block = Block(title: "Jobs (\(state.jobs.count))", footer: hint, isFocused: focused)
        block.render(in: area, buffer: &buffer)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        if state.jobs.isEmpty {
            Label("no jobs yet: F5 generates", role: .dimText).render(in: inner.row(0), buffer: &buffer)
            return
        }
        let items: [[Span]] = state.jobs.map { job in
            let role: UIRole
            switch job.state {
            case .finished: role = .success
            case .failed: role = .error
            case .cancelled: role = .dimText
            case .queued, .running: role = .text
            }
            return [Span("#\(job.ticket) ", role: .dimText), Span(job.statusText, role: role),
                    Span(ProgressText.separator + job.title, role: .dimText)]
        }
        var list = state.queueSelection
        ListView(items: items).render(in: inner, buffer: &buffer, state: &list)
    }

    func renderStatus(in area: Rect, buffer: inout CellBuffer) {
        buffer.fill(area, role: .statusBar)
        if let message = state.message {
            Label(spans: [Span(" " + message.text, role: message.role)]).render(in: area, buffer: &buffer)
            return
        }
        if state.focus == .settings, state.overlay == nil, let hint = settingsHint {
            Label(spans: [Span(" " + hint, role: .helpText)]).render(in: area, buffer: &buffer)
            return
        }
        var spans: [Span] = []
        for (key, words) in [("F5", "generate"), ("Esc", "cancel"), ("Tab", "panel"), ("^P", "presets"),
                             ("^S", "save"), ("F6", "compare"), ("^T", "theme"), ("F1", "help"), ("^Q", "quit")] {
            spans += [Span(" " + key, role: .helpKey), Span(" " + words + " ", role: .helpText)]
        }
        Label(spans: spans).render(in: area, buffer: &buffer)
    }

    /// The focused setting's range and steps: "Width: 64 px … 4096 px · ←/→ 64 · Shift 256 · digits type".
    var settingsHint: String? {
        let rows = state.settings.visibleRows
        guard rows.indices.contains(state.settingsRow) else { return nil }
        let row = rows[state.settingsRow]
        var slider = state.settings.slider(for: row)
        if let entry = state.entry, entry.row == row { slider = entry.slider }
        let label = state.settings.label(for: row)
        if row.isPicker {
            let count = Int(slider.range.upperBound - slider.range.lowerBound) + 1
            return "\(label): \(count) choices · ←/→ or Space to change"
        }
        let step = SliderState.defaultFormat
        return "\(label): \(slider.format(slider.range.lowerBound)) … \(slider.format(slider.range.upperBound))"
            + " · ←/→ \(step(slider.fineStep)) · Shift or PgUp/PgDn \(step(slider.coarseStep)) · digits and Enter set it"
    }
}
