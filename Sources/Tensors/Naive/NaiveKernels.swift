// Straightforward twins of the fast kernels: direct loops, Double accumulators, no BLAS,
// no threads. Tests hold each fast kernel to its twin and both to PyTorch's output.
import Foundation

public enum NaiveKernels {
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
        let inFeatures = weight.shape[1], outFeatures = weight.shape[0]
        let rows = x.count / inFeatures
        var out = [Float](repeating: 0, count: rows * outFeatures)
        let xs = x.scalars, w = weight.scalars, b = bias?.scalars
        for r in 0..<rows {
            for o in 0..<outFeatures {
                var sum = Double(b?[o] ?? 0)
                for i in 0..<inFeatures { sum += Double(xs[r * inFeatures + i]) * Double(w[o * inFeatures + i]) }
                out[r * outFeatures + o] = Float(sum)
            }
        }
        return Tensor(shape: Array(x.shape.dropLast()) + [outFeatures], scalars: out)
    }

    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor? = nil,
                              stride: Int = 1, padding: Int = 0) -> Tensor {
        let g = ConvolutionGeometry(input: x.shape, weight: weight.shape, stride: stride, padding: padding)
        let xs = x.scalars, w = weight.scalars, b = bias?.scalars
        var out = [Float](repeating: 0, count: g.batch * g.outChannels * g.outHeight * g.outWidth)
        for n in 0..<g.batch {
            for o in 0..<g.outChannels {
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        var sum = Double(b?[o] ?? 0)
                        for c in 0..<g.inChannels {
                            for ky in 0..<g.kernelHeight {
                                let iy = oy * stride - padding + ky
                                guard iy >= 0 && iy < g.inHeight else { continue }
                                for kx in 0..<g.kernelWidth {
                                    let ix = ox * stride - padding + kx
                                    guard ix >= 0 && ix < g.inWidth else { continue }
                                    let input = xs[((n * g.inChannels + c) * g.inHeight + iy) * g.inWidth + ix]
                                    let tap = w[((o * g.inChannels + c) * g.kernelHeight + ky) * g.kernelWidth + kx]
                                    sum += Double(input) * Double(tap)
                                }
                            }
                        }
                        out[((n * g.outChannels + o) * g.outHeight + oy) * g.outWidth + ox] = Float(sum)
                    }
                }
            }
        }
        return Tensor(shape: [g.batch, g.outChannels, g.outHeight, g.outWidth], scalars: out)
    }

    public static func groupNorm(_ x: Tensor, groups: Int, weight: Tensor, bias: Tensor,
                                 epsilon: Float, fusingSiLU: Bool = false) -> Tensor {
        let batch = x.shape[0], channels = x.shape[1]
        let plane = x.count / (batch * channels)
        let perGroup = channels / groups * plane
        var values = x.scalars
        let gamma = weight.scalars, beta = bias.scalars
        for n in 0..<batch {
            for g in 0..<groups {
                let start = (n * groups + g) * perGroup
                let group = values[start..<(start + perGroup)].map(Double.init)
                let mean = group.reduce(0, +) / Double(perGroup)
                let variance = group.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(perGroup)
                for i in 0..<perGroup {
                    let channel = (start + i) / plane % channels
                    let normalised = (group[i] - mean) / (variance + Double(epsilon)).squareRoot()
                    var y = normalised * Double(gamma[channel]) + Double(beta[channel])
                    if fusingSiLU { y = y / (1 + Foundation.exp(-y)) }
                    values[start + i] = Float(y)
                }
            }
        }
        return Tensor(shape: x.shape, scalars: values)
    }

    public static func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, epsilon: Float) -> Tensor {
        let width = x.shape.last!
        var values = x.scalars
        let gamma = weight.scalars, beta = bias.scalars
        for row in 0..<(x.count / width) {
            let slice = values[(row * width)..<((row + 1) * width)].map(Double.init)
            let mean = slice.reduce(0, +) / Double(width)
            let variance = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(width)
            for i in 0..<width {
                let normalised = (slice[i] - mean) / (variance + Double(epsilon)).squareRoot()
                values[row * width + i] = Float(normalised * Double(gamma[i]) + Double(beta[i]))
            }
        }
        return Tensor(shape: x.shape, scalars: values)
    }

    public static func softmax(_ x: Tensor) -> Tensor {
        let width = x.shape.last!
        var values = x.scalars
        for row in 0..<(x.count / width) {
            let slice = values[(row * width)..<((row + 1) * width)].map(Double.init)
            let largest = slice.max() ?? 0
            let exps = slice.map { Foundation.exp($0 - largest) }
            let sum = exps.reduce(0, +)
            for i in 0..<width { values[row * width + i] = Float(exps[i] / sum) }
        }
        return Tensor(shape: x.shape, scalars: values)
    }

    public static func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                 causal: Bool = false) -> Tensor {
        let batch = query.shape[0], queries = query.shape[1], channels = query.shape[2]
        let keys = key.shape[1], headWidth = channels / heads
        let q = query.scalars, k = key.scalars, v = value.scalars
        var out = [Float](repeating: 0, count: query.count)
        let scale = 1 / Double(headWidth).squareRoot()
        for b in 0..<batch {
            for h in 0..<heads {
                for i in 0..<queries {
                    var scores = [Double](repeating: -.infinity, count: keys)
                    for j in 0..<keys where !causal || j <= i {
                        var dot = 0.0
                        for d in 0..<headWidth {
                            dot += Double(q[(b * queries + i) * channels + h * headWidth + d])
                                * Double(k[(b * keys + j) * channels + h * headWidth + d])
                        }
                        scores[j] = dot * scale
                    }
                    let largest = scores.max()!
                    let weights = scores.map { Foundation.exp($0 - largest) }
                    let total = weights.reduce(0, +)
                    for d in 0..<headWidth {
                        var sum = 0.0
                        for j in 0..<keys { sum += weights[j] / total * Double(v[(b * keys + j) * channels + h * headWidth + d]) }
                        out[(b * queries + i) * channels + h * headWidth + d] = Float(sum)
                    }
                }
            }
        }
        return Tensor(shape: query.shape, scalars: out)
    }
}
