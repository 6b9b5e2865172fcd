import Foundation

/// Runs jobs one at a time (they are CPU-bound and share the cores), each on a thread of its own,
/// never on the main actor. `submit` returns at once. Jobs can be reordered and cancelled while
/// queued and cancelled while running; each job has an `AsyncStream` of events (and the queue one
/// for all jobs), which ends with exactly one terminal event.
public actor JobQueue<Runner: JobRunner> {
    public struct Configuration: Sendable {
        public var outputs: OutputFolder
        /// Where finished jobs are recorded; nil records nothing.
        public var history: JobHistory?
        /// How runners choose their preview decoder.
        public var previewPolicy: PreviewPolicy

        public init(outputs: OutputFolder, history: JobHistory? = nil, previewPolicy: PreviewPolicy = PreviewPolicy()) {
            self.outputs = outputs
            self.history = history
            self.previewPolicy = previewPolicy
        }
    }

    struct ActiveJob {
        let id: JobID
        let token: CancellationToken
    }

    let runner: Runner
    public internal(set) var configuration: Configuration
    let worker = WorkerThread(name: "sdxl jobs")

    var records: [JobID: JobRecord<Runner.Work>] = [:]
    /// Queued jobs, next first.
    var waiting: [JobID] = []
    var active: ActiveJob?
    /// Ended jobs, in the order they ended.
    var ended: [JobID] = []
    var nextNumber = 1
    var watchers: [UUID: AsyncStream<QueueEvent>.Continuation] = [:]
    var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(runner: Runner, configuration: Configuration) {
        self.runner = runner
        self.configuration = configuration
    }

    deinit {
        worker.stop()
    }

    /// Adds a job at the end of the queue and returns its id at once; it starts when the jobs
    /// before it have ended.
    @discardableResult
    public func submit(_ request: JobRequest<Runner.Work>) -> JobID {
        let id = JobID(number: nextNumber)
        nextNumber += 1
        let now = Date()
        let stem = request.fileStem.map { configuration.outputs.namePart($0) }
            ?? OutputFolder.defaultStem(for: id, at: now)
        records[id] = JobRecord(id: id, title: request.title, settings: request.settings, stem: stem,
                                work: request.work, state: .queued(position: waiting.count), submittedAt: now)
        waiting.append(id)
        emit(.queued(position: waiting.count - 1), for: id)
        startNextIfIdle()
        return id
    }

    /// Sends `event` to the job's subscribers and the queue's watchers and updates its state.
    /// Events for a job that has ended are dropped, so each job ends exactly once.
    func emit(_ event: JobEvent, for id: JobID) {
        guard var record = records[id], !record.state.isEnded else { return }
        record.apply(event, at: Date())
        for subscriber in record.subscribers.values { subscriber.yield(event) }
        for watcher in watchers.values { watcher.yield(QueueEvent(id: id, event: event)) }
        if event.isTerminal {
            let subscribers = record.subscribers.values
            record.subscribers = [:]
            ended.append(id)
            records[id] = record
            for subscriber in subscribers { subscriber.finish() }
        } else {
            records[id] = record
        }
    }

    /// Starts the next queued job when none is running.
    func startNextIfIdle() {
        guard active == nil else { return }
        guard !waiting.isEmpty else {
            let waiters = idleWaiters
            idleWaiters = []
            for waiter in waiters { waiter.resume() }
            return
        }
        let before = waiting
        let id = waiting.removeFirst()
        guard var record = records[id], let work = record.work else {
            startNextIfIdle()
            return
        }
        record.work = nil
        records[id] = record
        announcePositions(previously: before)
        emit(.started, for: id)

        let token = CancellationToken()
        active = ActiveJob(id: id, token: token)
        let (events, sink) = AsyncStream.makeStream(of: JobEvent.self, bufferingPolicy: .unbounded)
        let context = JobContext(id: id, cancellation: token, previewPolicy: configuration.previewPolicy,
                                 sink: { sink.yield($0) })
        let execution = JobExecution(runner: runner, work: work, context: context, title: record.title,
                                     settings: record.settings, stem: record.stem,
                                     outputs: configuration.outputs, history: configuration.history)
        worker.submit {
            execution.perform()
            sink.finish()
        }
        // One consumer per job, so its events reach the actor in the order the worker sent them.
        Task {
            for await event in events { self.emit(event, for: id) }
            self.workerDidEnd(id)
        }
    }

    private func workerDidEnd(_ id: JobID) {
        if let record = records[id], !record.state.isEnded {
            emit(.failed(message: JobsError.workerEndedWithoutResult(job: id.number).description), for: id)
        }
        if active?.id == id { active = nil }
        startNextIfIdle()
    }

    /// Sends `queued(position)` to each waiting job whose position differs from `previously`.
    func announcePositions(previously: [JobID]) {
        for (position, id) in waiting.enumerated() where previously.firstIndex(of: id) != position {
            emit(.queued(position: position), for: id)
        }
    }
}
