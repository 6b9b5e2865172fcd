/// Does the work of one job. The queue calls `run` on a thread of its own, one job at a time,
/// never on the main actor; `run` is synchronous because the work is CPU-bound and must not
/// hold a thread of Swift's cooperative pool for minutes.
///
/// A runner reports through `context` (stages, steps, previews) and polls
/// `context.isCancelled` / `context.checkCancellation()` between steps and inside long
/// computations; when asked to stop it returns early (usually by throwing `CancellationError`),
/// dropping its buffers. The queue writes the returned images to the output folder.
public protocol JobRunner: Sendable {
    associatedtype Work: Sendable

    func run(_ work: Work, context: JobContext) throws -> JobProduct
}
