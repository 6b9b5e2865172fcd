// Vectorised conversions between 16-bit floats (IEEE half, bfloat16) and Float32.
// Built with `-target-cpu haswell`, the SIMD16<Float16> <-> SIMD16<Float> conversions lower to
// F16C `vcvtph2ps` / `vcvtps2ph`, and the bfloat16 widening to `vpmovzxwd` + `vpslld`
// (checked in the emitted assembly). Sources are read with unaligned loads, so 16-bit data at
// any address is fine.

public enum HalfConversion {
    /// IEEE binary16 → Float32 (exact: every half value is a float).
    public static func widenFloat16(_ source: UnsafeRawPointer, count: Int, into destination: UnsafeMutablePointer<Float>) {
        let output = UnsafeMutableRawPointer(destination)
        var index = 0
        while index + 16 <= count {
            let halves = source.loadUnaligned(fromByteOffset: index &* 2, as: SIMD16<Float16>.self)
            output.storeBytes(of: SIMD16<Float>(halves), toByteOffset: index &* 4, as: SIMD16<Float>.self)
            index &+= 16
        }
        while index < count {
            destination[index] = Float(source.loadUnaligned(fromByteOffset: index &* 2, as: Float16.self))
            index &+= 1
        }
    }

    /// bfloat16 → Float32 (exact: a bfloat16 is the upper half of a Float32's bits).
    public static func widenBFloat16(_ source: UnsafeRawPointer, count: Int, into destination: UnsafeMutablePointer<Float>) {
        let output = UnsafeMutableRawPointer(destination)
        var index = 0
        while index + 16 <= count {
            let halves = source.loadUnaligned(fromByteOffset: index &* 2, as: SIMD16<UInt16>.self)
            let words = SIMD16<UInt32>(truncatingIfNeeded: halves) &<< 16
            output.storeBytes(of: words, toByteOffset: index &* 4, as: SIMD16<UInt32>.self)
            index &+= 16
        }
        while index < count {
            let half = source.loadUnaligned(fromByteOffset: index &* 2, as: UInt16.self)
            destination[index] = Float(bitPattern: UInt32(half) << 16)
            index &+= 1
        }
    }

    /// Float32 → IEEE binary16, rounding to nearest even (as PyTorch's `.half()`); overflow gives ±inf.
    public static func narrowToFloat16(_ source: UnsafePointer<Float>, count: Int, into destination: UnsafeMutableRawPointer) {
        let input = UnsafeRawPointer(source)
        var index = 0
        while index + 16 <= count {
            let floats = input.loadUnaligned(fromByteOffset: index &* 4, as: SIMD16<Float>.self)
            destination.storeBytes(of: SIMD16<Float16>(floats), toByteOffset: index &* 2, as: SIMD16<Float16>.self)
            index &+= 16
        }
        while index < count {
            destination.storeBytes(of: Float16(source[index]), toByteOffset: index &* 2, as: Float16.self)
            index &+= 1
        }
    }

    /// Float32 → bfloat16 bits, rounding to nearest even; every NaN becomes 0x7FC0
    /// (as PyTorch's c10::BFloat16 `round_to_nearest_even`).
    public static func narrowToBFloat16(_ source: UnsafePointer<Float>, count: Int, into destination: UnsafeMutableRawPointer) {
        let input = UnsafeRawPointer(source)
        var index = 0
        while index + 16 <= count {
            let bits = input.loadUnaligned(fromByteOffset: index &* 4, as: SIMD16<UInt32>.self)
            let lsb = (bits &>> 16) & 1
            var rounded = (bits &+ 0x7FFF &+ lsb) &>> 16
            rounded.replace(with: 0x7FC0, where: (bits & 0x7FFF_FFFF) .> 0x7F80_0000)
            destination.storeBytes(of: SIMD16<UInt16>(truncatingIfNeeded: rounded), toByteOffset: index &* 2,
                                   as: SIMD16<UInt16>.self)
            index &+= 16
        }
        while index < count {
            destination.storeBytes(of: bfloat16Bits(source[index]), toByteOffset: index &* 2, as: UInt16.self)
            index &+= 1
        }
    }

    /// One Float32 → bfloat16 bits, rounding to nearest even; NaN → 0x7FC0.
    public static func bfloat16Bits(_ value: Float) -> UInt16 {
        if value.isNaN { return 0x7FC0 }
        let bits = value.bitPattern
        return UInt16(truncatingIfNeeded: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) >> 16)
    }
}
