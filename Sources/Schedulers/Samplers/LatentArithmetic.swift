// Element-wise combinations of latents. Each sampler writes its update as one closure whose float
// operations follow diffusers' tensor expressions one by one, so that rounding matches torch
// (Swift never fuses a multiply and an add on its own).
import Tensors

enum LatentArithmetic {
    @inline(__always)
    static func map(_ a: Tensor, _ body: (Float) -> Float) -> Tensor {
        var out = Tensor(uninitializedShape: a.shape)
        a.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                for i in 0..<x.count { y[i] = body(x[i]) }
            }
        }
        return out
    }

    @inline(__always)
    static func map(_ a: Tensor, _ b: Tensor, _ body: (Float, Float) -> Float) -> Tensor {
        precondition(a.count == b.count, "latent shapes differ: \(a.shape) vs \(b.shape)")
        var out = Tensor(uninitializedShape: a.shape)
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { z in
                out.withUnsafeMutableBufferPointer { y in
                    for i in 0..<x.count { y[i] = body(x[i], z[i]) }
                }
            }
        }
        return out
    }

    @inline(__always)
    static func map(_ a: Tensor, _ b: Tensor, _ c: Tensor, _ body: (Float, Float, Float) -> Float) -> Tensor {
        precondition(a.count == b.count && a.count == c.count,
                     "latent shapes differ: \(a.shape), \(b.shape), \(c.shape)")
        var out = Tensor(uninitializedShape: a.shape)
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { z in
                c.withUnsafeBufferPointer { w in
                    out.withUnsafeMutableBufferPointer { y in
                        for i in 0..<x.count { y[i] = body(x[i], z[i], w[i]) }
                    }
                }
            }
        }
        return out
    }
}
