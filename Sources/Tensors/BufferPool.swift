// Reuse of large tensor buffers. A UNet step allocates the same activation sizes every time;
// fresh allocations of that size come from mmap and cost a page fault per 4 KiB on first touch
// (a 512² SDXL forward spent 10 of its 45 CPU-seconds in the kernel zeroing pages). Freed buffers
// are kept by exact size and handed out again, up to a byte budget.
import Synchronization

public final class BufferPool: Sendable {
    public static let shared = BufferPool(budgetBytes: 2 << 30)

    /// Buffers smaller than this go straight to malloc, which recycles them cheaply.
    static let minimumPooledBytes = 1 << 20

    /// Buffers are held as addresses so the state is plainly Sendable.
    private struct State {
        var free: [Int: [UInt]] = [:]                 // byte count → buffer addresses
        var order: [(bytes: Int, address: UInt)] = [] // oldest first
        var cachedBytes = 0
        /// Open `withoutCaching` scopes: while any is open, freed buffers are not kept.
        var uncachedScopes = 0
    }

    private let state = Mutex(State())
    private let budgetBytes: Int

    public init(budgetBytes: Int) {
        self.budgetBytes = budgetBytes
    }

    /// A 64-byte aligned buffer of `bytes` bytes, reused when one of that size is free.
    func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        if bytes >= Self.minimumPooledBytes {
            let reused: UInt? = state.withLock { state in
                guard let address = state.free[bytes]?.popLast() else { return nil }
                state.cachedBytes -= bytes
                if let index = state.order.firstIndex(where: { $0.address == address }) { state.order.remove(at: index) }
                return address
            }
            if let reused, let pointer = UnsafeMutableRawPointer(bitPattern: reused) { return pointer }
        }
        return UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 64)
    }

    /// Returns a buffer from `allocate`; it is kept for reuse or freed when over budget.
    func release(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        guard bytes >= Self.minimumPooledBytes, bytes <= budgetBytes else {
            pointer.deallocate()
            return
        }
        let address = UInt(bitPattern: pointer)
        let evicted: [UInt]? = state.withLock { state in
            guard state.uncachedScopes == 0 else { return nil }
            state.free[bytes, default: []].append(address)
            state.order.append((bytes, address))
            state.cachedBytes += bytes
            var evicted: [UInt] = []
            while state.cachedBytes > budgetBytes, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                if let index = state.free[oldest.bytes]?.firstIndex(of: oldest.address) {
                    state.free[oldest.bytes]?.remove(at: index)
                }
                state.cachedBytes -= oldest.bytes
                evicted.append(oldest.address)
            }
            return evicted
        }
        guard let evicted else {
            pointer.deallocate()
            return
        }
        for address in evicted { UnsafeMutableRawPointer(bitPattern: address)?.deallocate() }
    }

    /// Runs `body` with freed buffers given straight back instead of kept, for work whose
    /// buffers fit nothing that comes after (a VAE decode between UNet steps). The buffers
    /// already kept stay for the next UNet step, and may still be handed out inside.
    /// `value` is handed to `body` without a copy, so that `body` may overwrite a tensor nobody
    /// else holds.
    public func withoutCaching<Value, Result>(_ value: consuming Value,
                                              _ body: (consuming Value) throws -> Result) rethrows -> Result {
        state.withLock { $0.uncachedScopes += 1 }
        defer { state.withLock { $0.uncachedScopes -= 1 } }
        return try body(consume value)
    }

    /// Frees every cached buffer (for example when a job ends and memory is wanted elsewhere).
    public func trim() {
        let all: [UInt] = state.withLock { state in
            let all = state.order.map(\.address)
            state = State()
            return all
        }
        for address in all { UnsafeMutableRawPointer(bitPattern: address)?.deallocate() }
    }

    /// Bytes held for reuse.
    public var cachedBytes: Int { state.withLock { $0.cachedBytes } }
}
