extension JobQueue {
    /// Moves a queued job to `position` (0 runs next; clamped to the queue). Returns false when
    /// the job is not queued.
    @discardableResult
    public func move(_ id: JobID, toPosition position: Int) -> Bool {
        guard let index = waiting.firstIndex(of: id) else { return false }
        let before = waiting
        waiting.remove(at: index)
        waiting.insert(id, at: min(max(position, 0), waiting.count))
        announcePositions(previously: before)
        return true
    }

    /// Moves a queued job one place towards the front.
    @discardableResult
    public func moveUp(_ id: JobID) -> Bool {
        guard let index = waiting.firstIndex(of: id) else { return false }
        return move(id, toPosition: index - 1)
    }

    /// Moves a queued job one place towards the back.
    @discardableResult
    public func moveDown(_ id: JobID) -> Bool {
        guard let index = waiting.firstIndex(of: id) else { return false }
        return move(id, toPosition: index + 1)
    }

    /// Cancels a queued job at once, or asks a running one to stop (its `cancelled` event comes
    /// when the runner has returned and let go of its buffers). Returns false when the job has
    /// already ended or is unknown.
    @discardableResult
    public func cancel(_ id: JobID) -> Bool {
        if let index = waiting.firstIndex(of: id) {
            let before = waiting
            waiting.remove(at: index)
            records[id]?.work = nil
            emit(.cancelled, for: id)
            announcePositions(previously: before)
            return true
        }
        if let active, active.id == id, records[id]?.state.isEnded == false {
            active.token.cancel()
            return true
        }
        return false
    }

    /// Cancels every queued job and the running one.
    public func cancelAll() {
        for id in waiting.reversed() { cancel(id) }
        if let active { cancel(active.id) }
    }

    /// Changes how jobs choose their previews, from the next job on.
    public func setPreviewPolicy(_ policy: PreviewPolicy) {
        configuration.previewPolicy = policy
    }

    /// Forgets ended jobs (finished, failed, cancelled); returns their ids.
    @discardableResult
    public func clearFinished() -> [JobID] {
        let cleared = ended
        for id in cleared { records[id] = nil }
        ended = []
        return cleared
    }
}
