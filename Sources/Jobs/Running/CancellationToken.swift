import Synchronization

/// A flag that asks a running job to stop. Setting it is one atomic store and polling it one
/// atomic load, so a runner may check it between steps and inside a network's forward pass.
/// Cancellation is cooperative: the runner notices the flag and returns early
/// (throwing `CancellationError` from `check()` is the usual way).
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the job to stop. Calling it again does nothing.
    public func cancel() {
        flag.store(true, ordering: .releasing)
    }

    public var isCancelled: Bool {
        flag.load(ordering: .acquiring)
    }

    /// Throws `CancellationError` once the job has been asked to stop.
    public func check() throws {
        if isCancelled { throw CancellationError() }
    }

    /// The check as a plain closure, for code that must not know this type.
    public var isCancelledCheck: @Sendable () -> Bool {
        { [self] in isCancelled }
    }
}
