// MT19937 as PyTorch's CPU generator runs it: ATen/core/MT19937RNGEngine.h (torch 2.15).
// Seeding keeps only the low 32 bits of the 64-bit seed, so seeds 2^32-1 and 2^63-1 give the
// same stream, exactly as in torch.

public struct MersenneTwister19937: Sendable {
    private static let stateSize = 624
    private static let shift = 397
    private static let matrixA: UInt32 = 0x9908_b0df
    private static let upperMask: UInt32 = 0x8000_0000
    private static let lowerMask: UInt32 = 0x7fff_ffff

    private var state: [UInt32]
    private var nextIndex: Int

    public init(seed: UInt64) {
        var words = [UInt32](repeating: 0, count: Self.stateSize)
        words[0] = UInt32(truncatingIfNeeded: seed)
        for j in 1..<Self.stateSize {
            let previous = words[j - 1]
            words[j] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(j)
        }
        state = words
        nextIndex = Self.stateSize  // the first draw regenerates the whole state
    }

    /// The next tempered 32-bit output.
    public mutating func next() -> UInt32 {
        if nextIndex >= Self.stateSize { regenerate() }
        var y = state[nextIndex]
        nextIndex += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    private mutating func regenerate() {
        let n = Self.stateSize, m = Self.shift
        state.withUnsafeMutableBufferPointer { s in
            func twist(_ u: UInt32, _ v: UInt32) -> UInt32 {
                let mixed = (u & Self.upperMask) | (v & Self.lowerMask)
                return (mixed >> 1) ^ ((v & 1) != 0 ? Self.matrixA : 0)
            }
            for k in 0..<(n - m) { s[k] = s[k + m] ^ twist(s[k], s[k + 1]) }
            for k in (n - m)..<(n - 1) { s[k] = s[k + m - n] ^ twist(s[k], s[k + 1]) }
            s[n - 1] = s[m - 1] ^ twist(s[n - 1], s[0])
        }
        nextIndex = 0
    }
}
