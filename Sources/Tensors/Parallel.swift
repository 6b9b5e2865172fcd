import Dispatch

/// Splitting loop work across the machine's cores.
public enum Parallel {
    /// Threads used for the engine's own (non-BLAS) loops.
    nonisolated(unsafe) public static var threadCount: Int = BLAS.processorCount

    /// Calls `body` on disjoint sub-ranges of `0..<count` that together cover it, on up to
    /// `threadCount` threads. Ranges are at least `grain` long, so small loops stay on one thread.
    @inlinable
    public static func forEachChunk(_ count: Int, grain: Int = 16_384, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = min(threadCount, max(1, count / max(grain, 1)))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        withoutActuallyEscaping(body) { body in
            // concurrentPerform returns only after every iteration ran, so `body` never outlives this call.
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = count * chunk / chunks
                let end = count * (chunk + 1) / chunks
                shared.value(start..<end)
            }
        }
    }

    /// Calls `body` for each index in `0..<count`; for loops whose iterations are each
    /// substantial (a row, a channel, a group).
    @inlinable
    public static func forEach(_ count: Int, costPerItem: Int, _ body: (Int) -> Void) {
        forEachChunk(count, grain: max(1, 16_384 / max(costPerItem, 1))) { range in
            for index in range { body(index) }
        }
    }
}

/// Carries a value across a concurrency boundary that the compiler cannot see is safe.
@usableFromInline
struct UncheckedSendable<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @usableFromInline init(_ value: Value) { self.value = value }
}
