// Naive twins of the activations, resampling, concatenation and embedding kernels.
import Foundation

extension NaiveKernels {
    public static func silu(_ x: Tensor) -> Tensor { map(x) { $0 / (1 + Foundation.exp(-$0)) } }
    public static func gelu(_ x: Tensor) -> Tensor { map(x) { 0.5 * $0 * (1 + Foundation.erf($0 / 2.0.squareRoot())) } }
    public static func quickGELU(_ x: Tensor) -> Tensor { map(x) { $0 / (1 + Foundation.exp(-1.702 * $0)) } }

    public static func geglu(_ x: Tensor) -> Tensor {
        let width = x.shape.last! / 2
        let values = x.scalars
        var out = [Float]()
        for row in 0..<(x.count / (2 * width)) {
            for i in 0..<width {
                let hidden = Double(values[row * 2 * width + i])
                let gate = Double(values[row * 2 * width + width + i])
                out.append(Float(hidden * 0.5 * gate * (1 + Foundation.erf(gate / 2.0.squareRoot()))))
            }
        }
        return Tensor(shape: Array(x.shape.dropLast()) + [width], scalars: out)
    }

    public static func upsampleNearest2x(_ x: Tensor) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let values = x.scalars
        var out = [Float](repeating: 0, count: n * c * h * w * 4)
        for plane in 0..<(n * c) {
            for y in 0..<(2 * h) {
                for xx in 0..<(2 * w) {
                    out[(plane * 2 * h + y) * 2 * w + xx] = values[(plane * h + y / 2) * w + xx / 2]
                }
            }
        }
        return Tensor(shape: [n, c, 2 * h, 2 * w], scalars: out)
    }

    public static func concatChannels(_ parts: [Tensor]) -> Tensor {
        let batch = parts[0].shape[0], trailing = Array(parts[0].shape.dropFirst(2))
        let plane = trailing.reduce(1, *)
        var out = [Float]()
        for n in 0..<batch {
            for part in parts {
                let block = part.shape[1] * plane
                out += part.scalars[(n * block)..<((n + 1) * block)]
            }
        }
        return Tensor(shape: [batch, parts.reduce(0) { $0 + $1.shape[1] }] + trailing, scalars: out)
    }

    public static func timestepEmbedding(_ timesteps: [Float], dimension: Int,
                                         flipSinToCos: Bool, downscaleFrequencyShift: Float,
                                         scale: Float = 1, maxPeriod: Float = 10_000) -> Tensor {
        let half = dimension / 2
        var out = [Float](repeating: 0, count: timesteps.count * dimension)
        for (row, t) in timesteps.enumerated() {
            for i in 0..<half {
                let frequency = Foundation.exp(-Foundation.log(Double(maxPeriod)) * Double(i) / (Double(half) - Double(downscaleFrequencyShift)))
                let argument = Double(scale) * Double(t) * frequency
                let (first, second) = flipSinToCos ? (Foundation.cos(argument), Foundation.sin(argument))
                                                   : (Foundation.sin(argument), Foundation.cos(argument))
                out[row * dimension + i] = Float(first)
                out[row * dimension + half + i] = Float(second)
            }
        }
        return Tensor(shape: [timesteps.count, dimension], scalars: out)
    }

    static func map(_ x: Tensor, _ function: (Double) -> Double) -> Tensor {
        Tensor(shape: x.shape, scalars: x.scalars.map { Float(function(Double($0))) })
    }
}
