import Foundation
import Imaging
import StableDiffusionXL
import TerminalUI

extension StudioView {
    /// The preview pane: the shown job's picture (or the base and refined pictures side by side
    /// in compare view) with its progress or file. Returns the sixel pictures to place.
    func renderPreview(in area: Rect, buffer: inout CellBuffer) -> [SixelSlot] {
        let job = state.shownJob
        var title = "Preview"
        if let job { title += " · job \(job.ticket)" }
        let comparing = state.comparing && pictures.base != nil
        if comparing { title += " · compare (F7 swaps)" }
        let block = Block(title: title)
        block.render(in: area, buffer: &buffer)
        let inner = block.inner(area)
        guard inner.height >= 3, let job else {
            if !inner.isEmpty {
                Label("pictures appear here while a job runs", role: .dimText, alignment: .center)
                    .render(in: inner.row(inner.height / 2), buffer: &buffer)
            }
            return []
        }
        let parts = inner.split(.vertical, [.fill(1), .length(2)])
        renderCaption(for: job, in: parts[1], buffer: &buffer)

        guard comparing, let base = pictures.base, let refined = pictures.main else {
            return place(pictures.main, in: parts[0], buffer: &buffer).map { [$0] } ?? []
        }
        var halves = parts[0].split(.horizontal, [.fill(1), .fill(1)], spacing: 1)
        var captions = ["base", "refined"]
        var images = [base, refined]
        if state.compareSwapped {
            images.reverse()
            captions.reverse()
        }
        var slots: [SixelSlot] = []
        for index in 0..<2 {
            let pieces = halves[index].split(.vertical, [.length(1), .fill(1)])
            Label(captions[index] + timing(for: job, refined: captions[index] == "refined"), role: .title, alignment: .center)
                .render(in: pieces[0], buffer: &buffer)
            halves[index] = pieces[1]
            if let slot = place(images[index], in: halves[index], buffer: &buffer) { slots.append(slot) }
        }
        return slots
    }

    /// Draws `image` in blocks, or hands it back for sixel; says so when graphics are off.
    private func place(_ image: RGBImage?, in area: Rect, buffer: inout CellBuffer) -> SixelSlot? {
        guard let image, !area.isEmpty else { return nil }
        switch graphics {
        case .blocks:
            HalfBlockRenderer.render(image, in: area, buffer: &buffer, capability: capability)
            return nil
        case .sixel:
            return SixelSlot(rect: area, image: image)
        case .none:
            Label("\(image.width)×\(image.height) picture (graphics off)", role: .dimText, alignment: .center)
                .render(in: area.row(area.height / 2), buffer: &buffer)
            return nil
        }
    }

    private func renderCaption(for job: JobEntry, in area: Rect, buffer: inout CellBuffer) {
        switch job.state {
        case .running:
            let fraction = job.totalSteps > 0 ? Double(job.stepsDone) / Double(job.totalSteps) : 0
            ProgressBar(fraction: fraction, label: job.statusText).render(in: area.row(0), buffer: &buffer)
            let note = job.previewStep > 0 ? "preview after step \(job.previewStep)" : (job.previewNote ?? "")
            Label(note, role: .dimText).render(in: area.row(1), buffer: &buffer)
        case .finished:
            Label(job.statusText + ProgressText.separator + Self.settingsSummary(job.parameters), role: .success)
                .render(in: area.row(0), buffer: &buffer)
            Label(job.mainOutput?.path ?? "", role: .dimText).render(in: area.row(1), buffer: &buffer)
        case .failed(let message):
            Paragraph("failed: " + message, role: .error).render(in: area, buffer: &buffer)
        case .queued, .cancelled:
            Label(job.statusText, role: .dimText).render(in: area.row(0), buffer: &buffer)
        }
    }

    /// " · 12.3 s" for the stage that made this side of the comparison.
    private func timing(for job: JobEntry, refined: Bool) -> String {
        guard let stages = job.timings?.stages else { return "" }
        let seconds = stages.filter { refined ? $0.stage == .refiner : $0.stage == .base }.map(\.seconds).reduce(0, +)
        return seconds > 0 ? ProgressText.separator + ProgressText.oneDecimal(seconds) + " s" : ""
    }

    /// "seed 42 · 30 steps · cfg 5 · 1024×1024 · refiner 0.8 · aesthetic 6/2.5": what made a picture.
    static func settingsSummary(_ parameters: GenerationParameters) -> String {
        let format = SliderState.defaultFormat
        var parts = ["seed \(parameters.seed)", "\(parameters.steps) steps", "cfg \(format(parameters.guidanceScale))"]
        if let width = parameters.width, let height = parameters.height { parts.append("\(width)×\(height)") }
        switch parameters.refiner {
        case .none: break
        case .ensemble(let at): parts.append("refiner from \(format(at))")
        case .refineImage(let strength): parts.append("refined at \(format(strength))")
        }
        if parameters.refiner.usesRefiner {
            parts.append("aesthetic \(format(parameters.aestheticScore))/\(format(parameters.negativeAestheticScore))")
        }
        return parts.joined(separator: ProgressText.separator)
    }
}
