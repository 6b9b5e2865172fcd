// The two builds of torch's 16-value Box–Muller block (`NormalFill16` in
// ATen/native/cpu/DistributionTemplates.h, torch 2.15), reproduced to the bit.
import Foundation

public enum TorchBoxMullerKernel: String, Sendable, CaseIterable {
    /// torch's AVX2 build, which x86-64 CPUs with AVX2 or AVX-512 run: float32 Cephes polynomials
    /// from ATen/native/cpu/avx_mathfun.h, with the multiply–adds GCC fuses into FMA.
    case avx
    /// torch's portable build (no AVX2, `ATEN_CPU_CAPABILITY=default`, arm64): the C library's
    /// `logf`, `cosf`, `sinf` on floats.
    case scalar

    /// What torch picks on a typical machine of this architecture.
    public static var platformDefault: TorchBoxMullerKernel {
        #if arch(x86_64)
        return .avx
        #else
        return .scalar
        #endif
    }

    /// Turns 16 uniforms in [0, 1) into 16 normals: u1 = data[j], u2 = data[j + 8] for j in 0..<8.
    func transform16(_ data: UnsafeMutablePointer<Float>) {
        switch self {
        case .avx: Self.transform16Cephes(data)
        case .scalar: Self.transform16Scalar(data)
        }
    }

    /// Box–Muller's scale and shift, `fma(value, std, mean)` with std 1 and mean 0.
    @inline(__always)
    private static func standardize(_ value: Float) -> Float {
        Float(0).addingProduct(value, 1)
    }

    private static func transform16Scalar(_ data: UnsafeMutablePointer<Float>) {
        for j in 0..<8 {
            let u1: Float = 1 - data[j]
            let u2 = data[j + 8]
            let radius = (-2 * log(u1)).squareRoot()
            // 2π is a double constant, so the product is formed in double and then rounded.
            let theta = Float(2.0 * Double.pi * Double(u2))
            data[j] = standardize(radius * cos(theta))
            data[j + 8] = standardize(radius * sin(theta))
        }
    }

    private static func transform16Cephes(_ data: UnsafeMutablePointer<Float>) {
        let twoPi = Float(2.0 * Double.pi)
        for j in 0..<8 {
            let u1: Float = 1 - data[j]
            let u2 = data[j + 8]
            let radius = (-2 * CephesFloatMath.log(u1)).squareRoot()
            let (sine, cosine) = CephesFloatMath.sinCos(twoPi * u2)
            data[j] = standardize(radius * cosine)
            data[j + 8] = standardize(radius * sine)
        }
    }
}
