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
}
