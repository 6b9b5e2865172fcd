import Foundation

extension JobQueue {
    /// The events of job `id`: first those it already had (its latest queue position, start,
    /// stages, latest step, and its end if it has ended; previews are not replayed), then the
    /// new ones as they come. The stream finishes after the terminal event, and at once for an
    /// unknown (or cleared) job.
    public func events(for id: JobID) -> AsyncStream<JobEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: JobEvent.self, bufferingPolicy: .unbounded)
        guard let record = records[id] else {
            continuation.finish()
            return stream
        }
        for event in record.log { continuation.yield(event) }
        if record.state.isEnded {
            continuation.finish()
            return stream
        }
        let key = UUID()
        records[id]?.subscribers[key] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(key, from: id) }
        }
        return stream
    }

    /// The events of all jobs from now on, for a UI.
    public func events() -> AsyncStream<QueueEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: QueueEvent.self, bufferingPolicy: .unbounded)
        let key = UUID()
        watchers[key] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.stopWatching(key) }
        }
        return stream
    }

    /// All known jobs: the running one, then the queued ones in order, then the ended ones,
    /// latest first.
    public func snapshot() -> [JobSnapshot] {
        var ids: [JobID] = []
        if let active { ids.append(active.id) }
        ids += waiting
        ids += ended.reversed()
        return ids.compactMap { records[$0]?.snapshot }
    }

    /// The job `id` as it stands, or nil when unknown.
    public func snapshot(of id: JobID) -> JobSnapshot? {
        records[id]?.snapshot
    }

    /// Returns when no job is running or queued.
    public func waitUntilIdle() async {
        if active == nil && waiting.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func unsubscribe(_ key: UUID, from id: JobID) {
        records[id]?.subscribers[key] = nil
    }

    private func stopWatching(_ key: UUID) {
        watchers[key] = nil
    }
}
