// Elementwise arithmetic: sums, scaling and per-channel bias, on all cores.

extension Kernels {
    /// a + b, same shapes.
    public static func add(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.shape == b.shape, "add: shapes \(a.shape) and \(b.shape) differ")
        return zip(a, b) { $0 + $1 }
    }

    /// a · factor.
    public static func scale(_ a: Tensor, by factor: Float) -> Tensor {
        map(a) { $0 * factor }
    }

    /// a + factor · b, same shapes (the update of most samplers).
    public static func add(_ a: Tensor, _ b: Tensor, scaledBy factor: Float) -> Tensor {
        precondition(a.shape == b.shape, "add: shapes \(a.shape) and \(b.shape) differ")
        return zip(a, b) { $0 + factor * $1 }
    }

    /// `x` [N, C, ...] plus `perChannel` [N, C] broadcast over the trailing dimensions
    /// (a ResNet block adding its time embedding).
    public static func addPerChannel(_ x: Tensor, _ perChannel: Tensor) -> Tensor {
        precondition(x.rank >= 2 && perChannel.count == x.shape[0] * x.shape[1],
                     "addPerChannel: \(perChannel.shape) does not broadcast over \(x.shape)")
        let plane = x.count / max(perChannel.count, 1)
        let result = Tensor(uninitializedShape: x.shape)
        let source = x.storage.pointer, destination = result.storage.pointer, bias = perChannel.storage.pointer
        Parallel.forEach(perChannel.count, costPerItem: plane) { channel in
            let value = bias[channel]
            for i in (channel * plane)..<((channel + 1) * plane) { destination[i] = source[i] + value }
        }
        return result
    }

    @inline(__always)
    static func zip(_ a: Tensor, _ b: Tensor, _ function: (Float, Float) -> Float) -> Tensor {
        let result = Tensor(uninitializedShape: a.shape)
        let x = a.storage.pointer, y = b.storage.pointer, destination = result.storage.pointer
        Parallel.forEachChunk(a.count, grain: 8_192) { range in
            for i in range { destination[i] = function(x[i], y[i]) }
        }
        return result
    }
}
