import Foundation

/// What the test runner did, recorded from the worker threads.
final class RunLog: @unchecked Sendable {
    private let lock = NSLock()
    private var startOrder: [Int] = []
    private var steps: [Int: Int] = [:]
    private var endedTags: Set<Int> = []
    private var mainThreadRuns = 0
    private var threadIDs: [UInt] = []

    func started(_ tag: Int, onMainThread: Bool, thread: UInt) {
        locked {
            startOrder.append(tag)
            if onMainThread { mainThreadRuns += 1 }
            threadIDs.append(thread)
        }
    }

    func completedStep(_ tag: Int) { locked { steps[tag, default: 0] += 1 } }
    func ended(_ tag: Int) { _ = locked { endedTags.insert(tag) } }

    var order: [Int] { locked { startOrder } }
    func stepsCompleted(_ tag: Int) -> Int { locked { steps[tag] ?? 0 } }
    func didEnd(_ tag: Int) -> Bool { locked { endedTags.contains(tag) } }
    var runsOnMainThread: Int { locked { mainThreadRuns } }
    /// The pthread of each run, in start order.
    var threads: [UInt] { locked { threadIDs } }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
