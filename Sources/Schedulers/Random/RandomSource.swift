// A source of standard-normal samples, injected wherever the sampling process draws noise
// (initial latents, img2img noise, ancestral samplers).
import Tensors

public protocol RandomSource {
    /// Fills `buffer` with N(0, 1) samples, as one tensor-sized draw of `buffer.count` values.
    /// Implementations that mimic a framework may depend on the draw size, so draw a whole
    /// tensor at once rather than element by element.
    mutating func fillStandardNormal(_ buffer: UnsafeMutableBufferPointer<Float>)
}

extension RandomSource {
    /// A tensor of standard-normal samples, drawn the way `torch.randn(shape, generator:)` does.
    public mutating func standardNormal(shape: [Int]) -> Tensor {
        var tensor = Tensor(uninitializedShape: shape)
        tensor.withUnsafeMutableBufferPointer { fillStandardNormal($0) }
        return tensor
    }

    /// `count` standard-normal samples as one draw.
    public mutating func standardNormal(count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            fillStandardNormal(buffer)
            initialized = count
        }
    }
}
