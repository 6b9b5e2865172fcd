// Counting the arithmetic of the matrix-shaped kernels, for benchmarks that report GFLOP/s.
import Synchronization

public enum FLOPCounter {
    private static let total = Atomic<Int>(0)

    /// Floating-point operations (multiply and add counted separately) of the linear, convolution
    /// and attention kernels since the program started.
    public static var count: Int { total.load(ordering: .relaxed) }

    @inline(__always)
    static func add(_ operations: Int) {
        total.add(operations, ordering: .relaxed)
    }

    /// The operations `work` performed.
    public static func measure<R>(_ work: () throws -> R) rethrows -> (result: R, flops: Int) {
        let before = count
        let result = try work()
        return (result, count - before)
    }
}
