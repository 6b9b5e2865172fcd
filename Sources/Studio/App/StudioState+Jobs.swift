import Foundation
import Jobs
import Imaging
import StableDiffusionXL
import TerminalUI

extension StudioState {
    /// Adds a job the app has just submitted, selected in the queue.
    public mutating func addJob(_ job: JobEntry) {
        jobs.append(job)
        queueSelection.selected = jobs.count - 1
        openedTicket = nil
        comparing = false
    }

    /// Applies what the queue reported. `time` is the loop's clock in seconds, for step rates.
    public mutating func apply(_ messages: [JobBridge.Message], at time: Double) {
        for message in messages {
            switch message {
            case let .accepted(ticket, id):
                update(ticket) { $0.id = id }
            case let .event(ticket, event):
                update(ticket) { $0.apply(event, at: time) }
                switch event {
                case .finished(let paths, _):
                    let name = paths.first { !$0.lastPathComponent.hasSuffix("-base.png") }?.path ?? paths.first?.path ?? ""
                    say("job \(ticket) done: \(name)", .success)
                case .failed(let reason):
                    say("job \(ticket) failed: \(reason)", .error)
                case .warning(let text):
                    say(text, .warning)
                default:
                    break
                }
            }
        }
    }

    private mutating func update(_ ticket: Int, _ change: (inout JobEntry) -> Void) {
        guard let index = jobs.firstIndex(where: { $0.ticket == ticket }) else { return }
        change(&jobs[index])
    }
}

extension StudioState {
    /// Takes a preset's settings (the prompts stay as typed) and its style, if it has one.
    public mutating func applyPreset(_ parameters: GenerationParameters, style: Preset?) {
        settings.parameters = parameters
        settings.adoptRefinerMode()
        settings.clampCrop()
        if let width = parameters.width, let height = parameters.height {
            let size = PixelSize(width: width, height: height)
            settings.sizeMode = settings.buckets.sizes.contains(size) ? .buckets : .free
        }
        activeStyle = style
    }
}
