import Foundation

/// The queue's bookkeeping for one job.
struct JobRecord<Work: Sendable> {
    let id: JobID
    let title: String
    let settings: JSONValue
    let stem: String
    /// Held until the job starts, then handed to the worker.
    var work: Work?
    var state: JobState
    let submittedAt: Date
    var startedAt: Date?
    var endedAt: Date?
    var outputs: [URL] = []
    var timings: JobTimings?
    /// The events so far, for a subscriber who arrives late, kept short: only the latest
    /// position while queued and the latest step of a stage; previews are not kept.
    var log: [JobEvent] = []
    var subscribers: [UUID: AsyncStream<JobEvent>.Continuation] = [:]

    var snapshot: JobSnapshot {
        JobSnapshot(id: id, title: title, state: state, submittedAt: submittedAt, startedAt: startedAt,
                    endedAt: endedAt, outputs: outputs, timings: timings)
    }

    /// Removes the latest step event from the log when no stage began after it.
    private mutating func dropStepOfCurrentStage() {
        for index in log.indices.reversed() {
            switch log[index] {
            case .stage: return
            case .step:
                log.remove(at: index)
                return
            default: continue
            }
        }
    }

    /// Updates the state and the replay log for `event`.
    mutating func apply(_ event: JobEvent, at now: Date) {
        switch event {
        case let .queued(position):
            state = .queued(position: position)
            log.removeAll { if case .queued = $0 { return true } else { return false } }
            log.append(event)
        case .started:
            state = .running(stage: nil, step: 0, total: 0)
            startedAt = now
            log.append(event)
        case let .stage(stage, steps):
            state = .running(stage: stage, step: 0, total: steps)
            log.append(event)
        case let .step(progress):
            state = .running(stage: progress.stage, step: progress.index, total: progress.total)
            dropStepOfCurrentStage()
            log.append(event)
        case .preview:
            break
        case .previewPlan, .warning:
            log.append(event)
        case let .finished(paths, timings):
            state = .finished
            outputs = paths
            self.timings = timings
            endedAt = now
            log.append(event)
        case let .failed(message):
            state = .failed(message: message)
            endedAt = now
            log.append(event)
        case .cancelled:
            state = .cancelled
            endedAt = now
            log.append(event)
        }
    }
}
