import Dispatch

/// Stops a test run at the start of step `step` (counted over all stages from 1) until the test
/// has done something (such as cancelling the job) and calls `release()`.
final class StepGate: Sendable {
    let step: Int
    private let arrived = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)

    init(step: Int) { self.step = step }

    /// Called by the runner on its worker thread.
    func arriveAndWait() {
        arrived.signal()
        released.wait()
    }

    /// Waits, without blocking a task thread, until the runner has reached the gate.
    func waitForArrival() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                self.arrived.wait()
                continuation.resume()
            }
        }
    }

    func release() { released.signal() }
}
