import Foundation
import Jobs

/// Connects the TUI's synchronous loop to the `JobQueue` actor.
///
/// The loop never waits on the queue: it asks for work to be done (submit, cancel, reorder) and
/// each request runs as a task; what the queue reports comes back through a mailbox the loop
/// empties between frames. Events of one job arrive in the order the queue sent them.
public final class JobBridge: @unchecked Sendable {
    /// A message from the queue side to the loop.
    public enum Message: Sendable {
        /// The job submitted with `ticket` has its queue id.
        case accepted(ticket: Int, id: JobID)
        case event(ticket: Int, JobEvent)
    }

    let queue: JobQueue<PipelineRunner>
    private let lock = NSLock()
    private var inbox: [Message] = []

    public init(queue: JobQueue<PipelineRunner>) {
        self.queue = queue
    }

    /// Submits `request` with its preview policy; its id and every event reach the mailbox
    /// tagged with `ticket`.
    public func submit(_ request: JobRequest<GenerationWork>, ticket: Int, previews: PreviewPolicy) {
        Task.detached { [queue, self] in
            await queue.setPreviewPolicy(previews)
            let id = await queue.submit(request)
            self.post(.accepted(ticket: ticket, id: id))
            for await event in await queue.events(for: id) {
                self.post(.event(ticket: ticket, event))
            }
        }
    }

    public func cancel(_ id: JobID) {
        Task.detached { [queue] in _ = await queue.cancel(id) }
    }

    public func move(_ id: JobID, up: Bool) {
        Task.detached { [queue] in _ = up ? await queue.moveUp(id) : await queue.moveDown(id) }
    }

    public func cancelAll() {
        Task.detached { [queue] in await queue.cancelAll() }
    }

    /// Everything that arrived since the last call, oldest first.
    public func drain() -> [Message] {
        lock.lock()
        defer { lock.unlock() }
        let messages = inbox
        inbox.removeAll(keepingCapacity: true)
        return messages
    }

    private func post(_ message: Message) {
        lock.lock()
        inbox.append(message)
        lock.unlock()
    }
}
