import Foundation
import Imaging

/// The running job's side of the queue: the runner reports stages, steps and previews here and
/// polls for cancellation. Events are sent in the order of the calls. Meant for the job's own
/// thread; the calls are serialised by a lock, so other threads of the runner may report too.
public final class JobContext: @unchecked Sendable {
    public let id: JobID
    public let cancellation: CancellationToken

    private let sink: @Sendable (JobEvent) -> Void
    private let clock = ContinuousClock()
    private let lock = NSLock()
    private let startedAt: ContinuousClock.Instant

    // Guarded by `lock`.
    private var stage: JobStage?
    private var stageStartedAt: ContinuousClock.Instant
    private var stageTotal = 0
    private var stepsDone = 0
    private var lastStepMark: ContinuousClock.Instant
    private var average = StepDurationAverage()
    private var endedStages: [JobTimings.Stage] = []
    private var previews: PreviewScheduler
    private var previewCount = 0
    private var previewSeconds = 0.0

    init(id: JobID, cancellation: CancellationToken, previewPolicy: PreviewPolicy,
         sink: @escaping @Sendable (JobEvent) -> Void) {
        self.id = id
        self.cancellation = cancellation
        self.sink = sink
        let now = clock.now
        startedAt = now
        stageStartedAt = now
        lastStepMark = now
        previews = PreviewScheduler(policy: previewPolicy)
    }

    // MARK: Cancellation

    public var isCancelled: Bool { cancellation.isCancelled }

    /// Throws `CancellationError` once the job has been cancelled.
    public func checkCancellation() throws { try cancellation.check() }

    /// True until the job is cancelled: for code that polls a `() -> Bool` "should continue"
    /// check between steps and inside a network's forward pass.
    public var shouldContinue: @Sendable () -> Bool {
        let token = cancellation
        return { !token.isCancelled }
    }

    // MARK: Progress

    /// Enters `stage`, which will run `steps` steps (0 for a stage without steps).
    public func beginStage(_ stage: JobStage, steps: Int = 0) {
        locked {
            closeStage(at: clock.now)
            self.stage = stage
            stageTotal = max(steps, 0)
            stepsDone = 0
            let now = clock.now
            stageStartedAt = now
            lastStepMark = now
            average.reset()
            sink(.stage(stage, steps: stageTotal))
        }
    }

    /// Marks one more step of the current stage as done and reports it with the ETA; returns the
    /// progress sent. Time spent in `emitPreview(using:step:_:)` is not counted as step time.
    @discardableResult
    public func completeStep() -> StepReport {
        locked {
            let now = clock.now
            let seconds = Self.seconds(now - lastStepMark)
            average.record(seconds)
            lastStepMark = now
            stepsDone += 1
            let total = max(stageTotal, stepsDone)
            let progress = StepReport(stage: stage ?? .base, index: stepsDone, total: total,
                                        elapsed: Self.seconds(now - startedAt),
                                        eta: average.eta(remainingSteps: total - stepsDone), seconds: seconds)
            sink(.step(progress))
            if let changed = previews.replan(stepSeconds: average.mean, totalSteps: stageTotal > 0 ? stageTotal : nil) {
                sink(.previewPlan(changed))
            }
            return progress
        }
    }

    /// The moving average of the current stage's step durations, nil before the first step.
    public var averageStepSeconds: Double? { locked { average.mean } }

    // MARK: Previews

    /// Declares the preview decoders the runner can use, with a cost estimate for each; the
    /// `PreviewPolicy` given to the queue then picks one after each step.
    public func configurePreviews(available: [PreviewDecoderKind: PreviewCostEstimate]) {
        locked {
            previews = PreviewScheduler(policy: previews.policy, available: available)
        }
    }

    /// The decoder to use for a preview after step `index` of the current stage, or nil for none.
    public func previewDecoder(afterStep index: Int) -> PreviewDecoderKind? {
        locked { previews.decoder(afterStep: index, stageSteps: stageTotal > 0 ? stageTotal : nil) }
    }

    /// Runs `decode`, measures it (the time counts as that decoder's cost, not as step time)
    /// and sends the picture. Errors from `decode` pass through and send nothing.
    public func emitPreview(using decoder: PreviewDecoderKind, step: Int,
                            _ decode: () throws -> RGBImage) rethrows {
        let begin = clock.now
        let image = try decode()
        let spent = clock.now - begin
        locked {
            previews.recordCost(decoder, seconds: Self.seconds(spent))
            previewCount += 1
            previewSeconds += Self.seconds(spent)
            lastStepMark = lastStepMark + spent
            sink(.preview(image, step: step))
        }
    }

    /// Sends a picture made elsewhere.
    public func emitPreview(_ image: RGBImage, step: Int) {
        locked { sink(.preview(image, step: step)) }
    }

    /// Reports a problem that does not stop the job.
    public func warn(_ message: String) {
        locked { sink(.warning(message)) }
    }

    // MARK: Used by the queue

    /// Closes the current stage and returns the timings so far.
    func finishTimings() -> JobTimings {
        locked {
            let now = clock.now
            closeStage(at: now)
            stage = nil
            return JobTimings(totalSeconds: Self.seconds(now - startedAt), stages: endedStages,
                              previews: previewCount > 0 ? .init(count: previewCount, seconds: previewSeconds) : nil)
        }
    }

    func send(_ event: JobEvent) {
        locked { sink(event) }
    }

    private func closeStage(at now: ContinuousClock.Instant) {
        guard let stage else { return }
        endedStages.append(JobTimings.Stage(stage: stage, seconds: Self.seconds(now - stageStartedAt), steps: stepsDone))
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
