import Foundation

/// One long-lived thread that runs the queue's jobs one after another, outside Swift's
/// cooperative thread pool, so that minutes of CPU-bound work never starve the tasks of the UI.
/// One thread for all jobs (rather than one per job) also keeps the allocations of every job in
/// the same malloc arena, so memory freed by one job is reused by the next.
final class WorkerThread: @unchecked Sendable {
    /// Big enough for deep call chains in the networks; the default of secondary threads can be small.
    static let stackSize = 16 << 20

    let name: String
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [@Sendable () -> Void] = []
    private var stopping = false
    private var started = false

    init(name: String) {
        self.name = name
    }

    /// Runs `body` on the worker after the bodies submitted before it.
    func submit(_ body: @escaping @Sendable () -> Void) {
        condition.lock()
        pending.append(body)
        if !started {
            started = true
            let thread = Thread { [self] in loop() }
            thread.name = name
            thread.stackSize = Self.stackSize
            thread.start()
        }
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once the submitted bodies have run.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        Thread.current.name = name
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty {
                started = false
                condition.unlock()
                return
            }
            let body = pending.removeFirst()
            condition.unlock()
            body()
        }
    }
}
