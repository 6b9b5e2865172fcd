// layer_norm over the last dimension, as torch.nn.functional.layer_norm.

extension Kernels {
    /// `x` [..., D] normalised over D, then `weight` [D] · x̂ + `bias` [D].
    public static func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, epsilon: Float) -> Tensor {
        let width = x.shape.last ?? 0
        precondition(weight.count == width && bias.count == width,
                     "layerNorm: weight \(weight.shape) / bias \(bias.shape) for input \(x.shape)")
        let rows = x.count / max(width, 1)
        let result = Tensor(uninitializedShape: x.shape)
        let source = x.storage.pointer, destination = result.storage.pointer
        let gamma = weight.storage.pointer, beta = bias.storage.pointer
        Parallel.forEach(rows, costPerItem: width * 3) { row in
            let from = source + row * width, to = destination + row * width
            let (mean, variance) = meanAndVariance(from, count: width)
            let inverse = Float(1 / (variance + Double(epsilon)).squareRoot())
            let center = Float(mean)
            for i in 0..<width { to[i] = (from[i] - center) * inverse * gamma[i] + beta[i] }
        }
        return result
    }
}
