// Cancellation inside a UNet forward: the caller's check is polled between layers, so a job can
// stop within a fraction of one forward pass instead of after it.

/// Throws `CancellationError` when `shouldContinue` says the result is no longer wanted.
@inline(__always)
func stopIfCancelled(_ shouldContinue: () -> Bool) throws {
    guard shouldContinue() else { throw CancellationError() }
}
