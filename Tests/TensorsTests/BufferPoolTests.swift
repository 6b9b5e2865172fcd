@testable import Tensors
import Testing

@Suite struct BufferPoolTests {
    @Test func buffersFreedWithoutCachingAreNotKeptAndKeptOnesStay() {
        let pool = BufferPool(budgetBytes: 64 << 20)
        let size = 2 << 20
        pool.release(pool.allocate(bytes: size), bytes: size)
        #expect(pool.cachedBytes == size)
        pool.withoutCaching(size) { size in
            let reused = pool.allocate(bytes: size)          // the kept buffer is still handed out
            #expect(pool.cachedBytes == 0)
            pool.release(reused, bytes: size)
            pool.release(pool.allocate(bytes: 3 << 20), bytes: 3 << 20)
            #expect(pool.cachedBytes == 0)
        }
        pool.release(pool.allocate(bytes: size), bytes: size)
        #expect(pool.cachedBytes == size)
        pool.trim()
    }

    @Test func aSmallerBudgetFreesTheOldestBuffersAndLimitsWhatIsKept() {
        let pool = BufferPool(budgetBytes: 64 << 20)
        let sizes = [2 << 20, 3 << 20, 4 << 20]
        let buffers = sizes.map { pool.allocate(bytes: $0) }
        for (buffer, size) in zip(buffers, sizes) { pool.release(buffer, bytes: size) }
        #expect(pool.cachedBytes == 9 << 20)

        pool.setBudget(7 << 20)                              // the oldest (2 MiB) goes
        #expect(pool.cachedBytes == 7 << 20)
        #expect(pool.budgetBytes == 7 << 20)
        pool.release(pool.allocate(bytes: 8 << 20), bytes: 8 << 20)   // larger than the budget: not kept
        #expect(pool.cachedBytes == 7 << 20)

        pool.trim()                                          // trimming keeps the budget
        #expect(pool.cachedBytes == 0 && pool.budgetBytes == 7 << 20)
        pool.setBudget(64 << 20)
        pool.release(pool.allocate(bytes: 8 << 20), bytes: 8 << 20)
        #expect(pool.cachedBytes == 8 << 20)
        pool.trim()
    }
}
