// One lane of `log256_ps` and `sincos256_ps` from ATen/native/cpu/avx_mathfun.h (torch 2.15,
// after Pommier's sse_mathfun / the Cephes library), as GCC compiles them with FMA enabled:
// a multiply whose only use is an add or subtract is fused with it. Every `addingProduct` below
// marks such a fused multiply–add; every other operation rounds on its own, as in the binary.

enum CephesFloatMath {
    private static let sqrtHalf: Float = 0.707106781186547524
    private static let logP: [Float] = [
        7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
        -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
    ]
    private static let logQ1: Float = -2.12194440e-4
    private static let logQ2: Float = 0.693359375

    private static let minusDP1: Float = -0.78515625
    private static let minusDP2: Float = -2.4187564849853515625e-4
    private static let minusDP3: Float = -3.77489497744594108e-8
    private static let sinP0: Float = -1.9515295891e-4
    private static let sinP1: Float = 8.3321608736e-3
    private static let sinP2: Float = -1.6666654611e-1
    private static let cosP0: Float = 2.443315711809948e-5
    private static let cosP1: Float = -1.388731625493765e-3
    private static let cosP2: Float = 4.166664568298827e-2
    private static let fourOverPi: Float = 1.27323954473516

    /// Natural logarithm; NaN for x <= 0.
    static func log(_ input: Float) -> Float {
        if !(input > 0) { return .nan }
        var x = Swift.max(input, Float(bitPattern: 0x0080_0000))  // flush denormals
        let biasedExponent = Int32(bitPattern: x.bitPattern >> 23)
        // Keep the mantissa, in [0.5, 1).
        x = Float(bitPattern: (x.bitPattern & ~0x7f80_0000) | Float(0.5).bitPattern)
        var e = Float(biasedExponent - 0x7f) + 1
        let below = x < sqrtHalf
        let addBack: Float = below ? x : 0
        x = x - 1
        e = e - (below ? 1 : 0)
        x = x + addBack

        let z = x * x
        var y = logP[0]
        for k in 1..<logP.count { y = logP[k].addingProduct(y, x) }
        y = y * x
        y = (e * logQ1).addingProduct(y, z)
        y = y.addingProduct(-z, 0.5)
        x = x + y
        x = x.addingProduct(e, logQ2)
        return x
    }

    /// Sine and cosine of one angle (accurate for |x| < 8192).
    static func sinCos(_ input: Float) -> (sin: Float, cos: Float) {
        var signSin = input.bitPattern & 0x8000_0000
        var x = Float(bitPattern: input.bitPattern & 0x7fff_ffff)
        var y = x * fourOverPi
        var j = Int32(y)  // truncation, as cvttps2dq
        j = (j &+ 1) & ~1
        y = Float(j)

        let swapSignSin = UInt32(bitPattern: (j & 4) << 29)
        let usesSinePolynomial = (j & 2) == 0

        // Extended-precision range reduction: x - y * π/4 in three parts.
        x = x.addingProduct(y, minusDP1)
        x = x.addingProduct(y, minusDP2)
        x = x.addingProduct(y, minusDP3)

        let signCos = UInt32(bitPattern: (~(j &- 2) & 4) << 29)
        signSin ^= swapSignSin

        let z = x * x
        var yCos = cosP1.addingProduct(cosP0, z)
        yCos = cosP2.addingProduct(yCos, z)
        yCos = yCos * z
        yCos = (-(z * 0.5)).addingProduct(yCos, z)
        yCos = yCos + 1

        var ySin = sinP1.addingProduct(sinP0, z)
        ySin = sinP2.addingProduct(ySin, z)
        ySin = ySin * z
        ySin = x.addingProduct(ySin, x)

        // Lane selects done with bit masks, as the vector code does (a cleared lane is +0).
        let sinPart2 = usesSinePolynomial ? ySin : Float(bitPattern: 0)
        let sinPart1 = usesSinePolynomial ? Float(bitPattern: 0) : yCos
        let cosPart2 = ySin - sinPart2
        let cosPart1 = yCos - sinPart1
        let sine = sinPart1 + sinPart2
        let cosine = cosPart1 + cosPart2
        return (Float(bitPattern: sine.bitPattern ^ signSin), Float(bitPattern: cosine.bitPattern ^ signCos))
    }
}
