// Vectorised exp and the loops built on it. With -target-cpu haswell these compile to AVX2/FMA;
// the scalar libm calls they replace cost ~10× more in softmax, SiLU and group norm.

public typealias FloatVector = SIMD8<Float>

/// e^x, within 2 ulp over the float range: x = n·ln2 + r with |r| ≤ ln2/2,
/// e^r by a degree-6 polynomial, 2^n by building the exponent bits. Every step is a fused
/// multiply-add (Swift does not contract `a * b + c` by itself).
@inline(__always)
public func vectorExp(_ x: FloatVector) -> FloatVector {
    let clamped = x.replacing(with: -87.33654, where: x .< -87.33654)
                   .replacing(with: 88.0, where: x .> 88.0)
    // Adding 1.5·2²³ rounds to an integer (nearest, ties to even) and leaves it in the low
    // mantissa bits, so n is both a float and, after removing the magic's bits, an Int32.
    let magic: Float = 12_582_912
    let shifted = multiplyAdd(clamped, 1.442695040888963, magic)
    let n = shifted - magic
    var r = multiplyAdd(n, -0.693359375, clamped)      // ln 2, high part (exact in float)
    r = multiplyAdd(n, 2.12194440e-4, r)               // ln 2, low part
    var p = FloatVector(repeating: 1.9875691500e-4)
    p = multiplyAdd(p, r, 1.3981999507e-3)
    p = multiplyAdd(p, r, 8.3334519073e-3)
    p = multiplyAdd(p, r, 4.1665795894e-2)
    p = multiplyAdd(p, r, 1.6666665459e-1)
    p = multiplyAdd(p, r, 5.0000001201e-1)
    p = multiplyAdd(p, r * r, r + 1)
    let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- Int32(bitPattern: magic.bitPattern)
    return p * unsafeBitCast((integer &+ 127) &<< 23, to: FloatVector.self)
}

/// a·b + c with one rounding.
@inline(__always)
func multiplyAdd(_ a: FloatVector, _ b: FloatVector, _ c: FloatVector) -> FloatVector {
    c.addingProduct(a, b)
}

@inline(__always)
func multiplyAdd(_ a: FloatVector, _ b: Float, _ c: FloatVector) -> FloatVector {
    c.addingProduct(a, FloatVector(repeating: b))
}

@inline(__always)
func multiplyAdd(_ a: FloatVector, _ b: FloatVector, _ c: Float) -> FloatVector {
    FloatVector(repeating: c).addingProduct(a, b)
}

@inline(__always)
func multiplyAdd(_ a: FloatVector, _ b: Float, _ c: Float) -> FloatVector {
    FloatVector(repeating: c).addingProduct(a, FloatVector(repeating: b))
}

/// x / (1 + e^−x).
@inline(__always)
public func vectorSiLU(_ x: FloatVector) -> FloatVector {
    x / (1 + vectorExp(-x))
}

extension Kernels {
    /// Applies a vector function to `count` floats, 8 at a time, the tail through a padded vector.
    @inline(__always)
    static func forEachVector(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>,
                              count: Int, _ function: (FloatVector) -> FloatVector) {
        let width = FloatVector.scalarCount
        var i = 0
        while i + width <= count {
            let v = UnsafeRawPointer(source + i).loadUnaligned(as: FloatVector.self)
            UnsafeMutableRawPointer(destination + i).storeBytes(of: function(v), as: FloatVector.self)
            i += width
        }
        if i < count {
            var v = FloatVector(repeating: 0)
            for j in 0..<(count - i) { v[j] = source[i + j] }
            let result = function(v)
            for j in 0..<(count - i) { destination[i + j] = result[j] }
        }
    }

    /// The sum of `count` floats: 8 float lanes per block of 1024, blocks accumulated in Double.
    @inline(__always)
    static func accurateSum(_ values: UnsafePointer<Float>, count: Int, _ transform: (FloatVector) -> FloatVector = { $0 }) -> Double {
        summingEachVector(values, nil, count: count, transform)
    }

    /// `forEachVector` that also returns the sum of what it wrote, added as `accurateSum` adds:
    /// one pass instead of two, with the same total.
    @inline(__always)
    static func forEachVectorSummed(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>,
                                    count: Int, _ function: (FloatVector) -> FloatVector) -> Double {
        summingEachVector(source, destination, count: count, function)
    }

    /// The sum of `function` over `count` floats, also stored in `destination` when given.
    @inline(__always)
    private static func summingEachVector(_ values: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>?,
                                          count: Int, _ function: (FloatVector) -> FloatVector) -> Double {
        let width = FloatVector.scalarCount, block = 1024
        var total: Double = 0
        var start = 0
        while start < count {
            let end = min(start + block, count)
            var lanes = FloatVector(repeating: 0)
            var i = start
            while i + width <= end {
                let t = function(UnsafeRawPointer(values + i).loadUnaligned(as: FloatVector.self))
                if let destination { UnsafeMutableRawPointer(destination + i).storeBytes(of: t, as: FloatVector.self) }
                lanes += t
                i += width
            }
            var partial = Double(lanes.sum())
            if i < end {
                var v = FloatVector(repeating: 0)
                for j in 0..<(end - i) { v[j] = values[i + j] }
                var t = function(v)
                for j in (end - i)..<width { t[j] = 0 }
                if let destination { for j in 0..<(end - i) { destination[i + j] = t[j] } }
                partial += Double(t.sum())
            }
            total += partial
            start = end
        }
        return total
    }
}

/// erf(x) through erfc's Chebyshev-fitted form (fractional error of erfc below 1.2e-7,
/// so erf's absolute error stays below 1.2e-7 everywhere).
@inline(__always)
public func vectorErf(_ x: FloatVector) -> FloatVector {
    let z = x.replacing(with: -x, where: x .< 0)
    let t = 1 / (1 + 0.5 * z)
    var p = FloatVector(repeating: 0.17087277)
    p = multiplyAdd(p, t, -0.82215223)
    p = multiplyAdd(p, t, 1.48851587)
    p = multiplyAdd(p, t, -1.13520398)
    p = multiplyAdd(p, t, 0.27886807)
    p = multiplyAdd(p, t, -0.18628806)
    p = multiplyAdd(p, t, 0.09678418)
    p = multiplyAdd(p, t, 0.37409196)
    p = multiplyAdd(p, t, 1.00002368)
    p = multiplyAdd(p, t, -1.26551223)
    let complement = t * vectorExp(multiplyAdd(-z, z, p))
    let positive = 1 - complement
    return positive.replacing(with: -positive, where: x .< 0)
}

/// GELU with the exact erf: x/2 · (1 + erf(x/√2)).
@inline(__always)
public func vectorGELU(_ x: FloatVector) -> FloatVector {
    0.5 * x * (1 + vectorErf(x * 0.70710678118654752))
}
