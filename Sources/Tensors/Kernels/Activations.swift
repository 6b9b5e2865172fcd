// Activations: SiLU, GELU (exact erf), quick-GELU (CLIP), GEGLU (diffusers' feed-forward).
import Foundation

@inline(__always) func gelu(_ x: Float) -> Float { 0.5 * x * (1 + erff(x * 0.70710678118654752)) }
@inline(__always) func quickGELU(_ x: Float) -> Float { x / (1 + expf(-1.702 * x)) }

extension Kernels {
    public static func silu(_ x: Tensor) -> Tensor {
        let result = Tensor(uninitializedShape: x.shape)
        let source = x.storage.pointer, destination = result.storage.pointer
        Parallel.forEachChunk(x.count, grain: 16_384) { range in
            forEachVector(source + range.lowerBound, destination + range.lowerBound, count: range.count, vectorSiLU)
        }
        return result
    }
    public static func gelu(_ x: Tensor) -> Tensor { map(x, Tensors.gelu) }
    public static func quickGELU(_ x: Tensor) -> Tensor { map(x, Tensors.quickGELU) }

    /// `x` [..., 2D] → [..., D]: the first half times GELU of the second half.
    public static func geglu(_ x: Tensor) -> Tensor {
        let doubled = x.shape.last ?? 0
        precondition(doubled % 2 == 0, "geglu: last dimension of \(x.shape) must be even")
        let width = doubled / 2
        let rows = x.count / max(doubled, 1)
        let result = Tensor(uninitializedShape: Array(x.shape.dropLast()) + [width])
        let source = x.storage.pointer, destination = result.storage.pointer
        Parallel.forEach(rows, costPerItem: width * 8) { row in
            let hidden = source + row * doubled, gate = hidden + width, to = destination + row * width
            for i in 0..<width { to[i] = hidden[i] * Tensors.gelu(gate[i]) }
        }
        return result
    }

    /// Applies `function` to every element, on all cores.
    @inline(__always)
    static func map(_ x: Tensor, _ function: (Float) -> Float) -> Tensor {
        let result = Tensor(uninitializedShape: x.shape)
        let source = x.storage.pointer, destination = result.storage.pointer
        Parallel.forEachChunk(x.count, grain: 4_096) { range in
            for i in range { destination[i] = function(source[i]) }
        }
        return result
    }
}
