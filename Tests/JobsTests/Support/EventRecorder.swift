import Jobs

/// Collects the events of a stream until it finishes.
func collect(_ stream: AsyncStream<JobEvent>) async -> [JobEvent] {
    var events: [JobEvent] = []
    for await event in stream { events.append(event) }
    return events
}

/// A short name for each event kind, for comparing sequences.
func kind(_ event: JobEvent) -> String {
    switch event {
    case let .queued(position): return "queued(\(position))"
    case .started: return "started"
    case let .stage(stage, steps): return "stage(\(stage.rawValue),\(steps))"
    case let .step(progress): return "step(\(progress.stage.rawValue),\(progress.index)/\(progress.total))"
    case let .preview(_, step): return "preview(\(step))"
    case let .previewPlan(plan): return "plan(\(plan.decoder?.rawValue ?? "none"),\(plan.interval))"
    case .warning: return "warning"
    case .finished: return "finished"
    case .failed: return "failed"
    case .cancelled: return "cancelled"
    }
}
