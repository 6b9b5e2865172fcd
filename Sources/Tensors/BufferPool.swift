// Reuse of large tensor buffers. A UNet step allocates the same activation sizes every time;
// fresh allocations of that size come from mmap and cost a page fault per 4 KiB on first touch
// (a 512² SDXL forward spent 10 of its 45 CPU-seconds in the kernel zeroing pages). Freed buffers
// are kept by exact size and handed out again, up to a byte budget. The budget can shrink while
// memory is short: the cached buffers then give way to the weights and activations.
import Synchronization

public final class BufferPool: Sendable {
    /// The budget when memory is plentiful: about one UNet level's working set at 1024².
    public static let standardBudget = 2 << 30

    public static let shared = BufferPool(budgetBytes: standardBudget)

    /// Buffers smaller than this go straight to malloc, which recycles them cheaply.
    static let minimumPooledBytes = 1 << 20

    /// Buffers are held as addresses so the state is plainly Sendable.
    private struct State {
        var free: [Int: [UInt]] = [:]                 // byte count → buffer addresses
        var order: [(bytes: Int, address: UInt)] = [] // oldest first
        var cachedBytes = 0
        /// Open `withoutCaching` scopes: while any is open, freed buffers are not kept.
        var uncachedScopes = 0
        var budgetBytes: Int

        /// Takes the oldest buffers out until the cache fits its budget; returns them for freeing.
        mutating func evictOverBudget() -> [UInt] {
            var evicted: [UInt] = []
            while cachedBytes > budgetBytes, !order.isEmpty {
                let oldest = order.removeFirst()
                if let index = free[oldest.bytes]?.firstIndex(of: oldest.address) {
                    free[oldest.bytes]?.remove(at: index)
                }
                cachedBytes -= oldest.bytes
                evicted.append(oldest.address)
            }
            return evicted
        }
    }

    private let state: Mutex<State>

    public init(budgetBytes: Int) {
        state = Mutex(State(budgetBytes: budgetBytes))
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
        let address = UInt(bitPattern: pointer)
        let evicted: [UInt]? = state.withLock { state in
            guard bytes >= Self.minimumPooledBytes, bytes <= state.budgetBytes, state.uncachedScopes == 0 else {
                return nil
            }
            state.free[bytes, default: []].append(address)
            state.order.append((bytes, address))
            state.cachedBytes += bytes
            return state.evictOverBudget()
        }
        guard let evicted else {
            pointer.deallocate()
            return
        }
        Self.deallocate(evicted)
    }

    /// Keeps at most `bytes` cached from now on, freeing the oldest buffers over it.
    public func setBudget(_ bytes: Int) {
        let evicted = state.withLock { state in
            state.budgetBytes = max(0, bytes)
            return state.evictOverBudget()
        }
        Self.deallocate(evicted)
    }

    /// The most bytes kept cached.
    public var budgetBytes: Int { state.withLock { $0.budgetBytes } }

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
            state = State(uncachedScopes: state.uncachedScopes, budgetBytes: state.budgetBytes)
            return all
        }
        Self.deallocate(all)
    }

    private static func deallocate(_ addresses: [UInt]) {
        for address in addresses { UnsafeMutableRawPointer(bitPattern: address)?.deallocate() }
    }

    /// Bytes held for reuse.
    public var cachedBytes: Int { state.withLock { $0.cachedBytes } }
}
