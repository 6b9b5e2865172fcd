// The elementwise steps of diffusers' DecoderTiny (diffusers 0.42.1, models/autoencoders/vae.py)
// that the Tensors kernels do not offer: the soft clamp torch.tanh(x / 3) * 3 on the latents, ReLU,
// the blocks' fused relu(conv(x) + x), the final x.mul(2).sub(1), and the pipelines' division by
// the scaling factor. Each keeps torch's order of float32 operations. The in-place forms write
// into a tensor the caller just produced.
import Foundation
import Tensors

extension Kernels {
    /// tanh(x / limit) · limit: squashes `x` smoothly into (−limit, limit).
    public static func softClamp(_ x: Tensor, limit: Float) -> Tensor {
        let result = Tensor(uninitializedShape: x.shape)
        let source = x.storage.pointer, destination = result.storage.pointer
        Parallel.forEachChunk(x.count, grain: 8_192) { range in
            for i in range { destination[i] = Foundation.tanh(source[i] / limit) * limit }
        }
        return result
    }

    /// x ← max(x, 0).
    public static func reluInPlace(_ x: inout Tensor) {
        x.withUnsafeMutableBufferPointer { values in
            let pointer = values.baseAddress!
            Parallel.forEachChunk(values.count, grain: 16_384) { range in
                for i in range { pointer[i] = max(pointer[i], 0) }
            }
        }
    }

    /// x ← max(x + addend, 0), same shapes (a residual sum followed by ReLU).
    public static func addReLUInPlace(_ x: inout Tensor, adding addend: Tensor) {
        precondition(x.shape == addend.shape, "addReLUInPlace: shapes \(x.shape) and \(addend.shape) differ")
        let other = addend.storage.pointer
        x.withUnsafeMutableBufferPointer { values in
            let pointer = values.baseAddress!
            Parallel.forEachChunk(values.count, grain: 16_384) { range in
                for i in range { pointer[i] = max(pointer[i] + other[i], 0) }
            }
        }
    }

    /// x ← x · factor − offset, as torch's x.mul(factor).sub(offset) rounds it.
    public static func scaleAndSubtractInPlace(_ x: inout Tensor, factor: Float, offset: Float) {
        x.withUnsafeMutableBufferPointer { values in
            let pointer = values.baseAddress!
            Parallel.forEachChunk(values.count, grain: 16_384) { range in
                for i in range {
                    let scaled = pointer[i] * factor
                    pointer[i] = scaled - offset
                }
            }
        }
    }

    /// x / divisor (a division, as torch's tensor / scalar, not a multiplication by the reciprocal).
    public static func divide(_ x: Tensor, by divisor: Float) -> Tensor {
        let result = Tensor(uninitializedShape: x.shape)
        let source = x.storage.pointer, destination = result.storage.pointer
        Parallel.forEachChunk(x.count, grain: 16_384) { range in
            for i in range { destination[i] = source[i] / divisor }
        }
        return result
    }

    /// Nearest-neighbour enlargement by a whole `factor` along each side:
    /// [N, C, H, W] → [N, C, H·factor, W·factor] (nn.Upsample(scale_factor=factor, mode="nearest")).
    public static func upsampleNearest(_ x: Tensor, factor: Int) -> Tensor {
        switch factor {
        case 1: return x
        case 2: return upsampleNearest2x(x)
        default: return resizeNearest(x, height: x.shape[2] * factor, width: x.shape[3] * factor)
        }
    }
}
