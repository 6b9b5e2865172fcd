import Foundation
import Imaging
import Jobs
import StableDiffusionXL
import TerminalUI

/// What the TUI knows of one submitted job, built from its events.
public struct JobEntry: Sendable {
    /// Assigned by the TUI at once; the queue's id arrives a moment later.
    public let ticket: Int
    public var id: JobID?
    public let parameters: GenerationParameters
    public var state: JobState = .queued(position: 0)
    /// Steps done and in all, counted over the base and refiner stages together.
    public var stepsDone = 0
    public var totalSteps: Int
    public var stepsBeforeStage = 0
    public var meter = StepRateMeter()
    /// Seconds until the last step, from the recent step rate.
    public var eta: Double? { meter.secondsRemaining(total: totalSteps) }
    /// The newest intermediate picture and the step it shows.
    public var preview: RGBImage?
    public var previewStep = 0
    public var previewNote: String?
    /// The finished image and, when the refiner ran, the base image beside it.
    public var outputs: [URL] = []
    public var timings: JobTimings?
    public var warnings: [String] = []

    public init(ticket: Int, parameters: GenerationParameters, totalSteps: Int) {
        self.ticket = ticket
        self.parameters = parameters
        self.totalSteps = totalSteps
    }

    /// The file the job was made for (not the kept base image).
    public var mainOutput: URL? { outputs.first { !$0.lastPathComponent.hasSuffix("-base.png") } ?? outputs.first }
    /// The base image a refined job kept for comparison.
    public var baseOutput: URL? { outputs.first { $0.lastPathComponent.hasSuffix("-base.png") } }

    /// A short title: the prompt's first line.
    public var title: String {
        let firstLine = parameters.prompt.split(separator: "\n").first.map(String.init) ?? ""
        return firstLine.isEmpty ? "(empty prompt)" : firstLine
    }

    /// Applies one event of the job.
    public mutating func apply(_ event: JobEvent, at time: Double) {
        switch event {
        case .queued(let position):
            state = .queued(position: position)
        case .started:
            state = .running(stage: nil, step: 0, total: totalSteps)
        case .stage(let newStage, let steps):
            // The refiner's steps are the last ones (the base's may have been reused, not run).
            if newStage == .refiner { stepsBeforeStage = totalSteps - steps }
            state = .running(stage: newStage, step: stepsDone, total: totalSteps)
        case .step(let report):
            stepsDone = stepsBeforeStage + report.index
            meter.record(step: stepsDone, at: time)
            state = .running(stage: report.stage, step: stepsDone, total: totalSteps)
        case .preview(let image, let step):
            preview = image
            previewStep = stepsBeforeStage + step
        case .previewPlan(let plan):
            previewNote = plan.description
        case .warning(let message):
            warnings.append(message)
        case .finished(let paths, let jobTimings):
            outputs = paths
            timings = jobTimings
            stepsDone = totalSteps
            state = .finished
        case .failed(let message):
            state = .failed(message: message)
        case .cancelled:
            state = .cancelled
        }
    }

    /// "queued 2", "base 12/30 · 1.4 it/s · 17 s left", "done 41 s", "failed: …".
    public var statusText: String {
        switch state {
        case .queued(let position): return position == 0 ? "next" : "queued \(position + 1)"
        case .running(let stage, _, _):
            let steps = ProgressText.steps(completed: stepsDone, total: totalSteps,
                                           stepsPerSecond: meter.stepsPerSecond, secondsRemaining: eta)
            switch stage {
            case let denoising? where denoising == .base || denoising == .refiner:
                return denoising.rawValue + ProgressText.separator + steps
            case let other?: return other.description
            case nil: return "starting"
            }
        case .finished:
            return "done " + ProgressText.duration(timings?.totalSeconds ?? 0)
        case .failed(let message): return "failed: " + message
        case .cancelled: return "cancelled"
        }
    }
}
