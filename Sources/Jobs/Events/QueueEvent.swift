/// One event of one job, as the queue-wide stream delivers it.
public struct QueueEvent: Sendable {
    public var id: JobID
    public var event: JobEvent

    public init(id: JobID, event: JobEvent) {
        self.id = id
        self.event = event
    }
}
