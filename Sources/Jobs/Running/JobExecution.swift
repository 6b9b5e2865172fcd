import Foundation

/// Everything one job needs on its worker thread: run the work, save the images, record the
/// history, and send exactly one terminal event.
struct JobExecution<Runner: JobRunner>: Sendable {
    let runner: Runner
    let work: Runner.Work
    let context: JobContext
    let title: String
    let settings: JSONValue
    let stem: String
    let outputs: OutputFolder
    let history: JobHistory?

    /// Runs on the worker thread; returns after the terminal event was sent.
    func perform() {
        context.send(terminalEvent())
    }

    private func terminalEvent() -> JobEvent {
        let product: JobProduct
        do {
            try context.checkCancellation()
            product = try runner.run(work, context: context)
        } catch {
            return context.isCancelled ? .cancelled : .failed(message: Self.message(error))
        }
        // A job cancelled while finishing is not saved: the person asked not to keep it.
        if context.isCancelled { return .cancelled }
        let timings = context.finishTimings()
        var paths: [URL] = []
        do {
            for image in product.images {
                paths.append(try outputs.write(image, stem: stem))
            }
        } catch {
            let saved = paths.isEmpty ? "" : " (saved before the error: \(paths.map(\.path).joined(separator: ", ")))"
            return .failed(message: Self.message(error) + saved)
        }
        if let history {
            let entry = HistoryEntry(id: context.id.uuid, job: context.id.number, title: title, finishedAt: Date(),
                                     settings: settings, outputs: paths.map(\.path), timings: timings)
            do {
                if let warning = try history.append(entry).warning { context.warn(warning) }
            } catch {
                context.warn("the job finished but was not added to the history: \(Self.message(error))")
            }
        }
        return .finished(paths: paths, timings: timings)
    }

    static func message(_ error: any Error) -> String {
        if error is CancellationError { return "cancelled" }
        return String(describing: error)
    }
}
