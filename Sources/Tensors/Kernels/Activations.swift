// Activations: SiLU, GELU (exact erf), quick-GELU (CLIP), GEGLU (diffusers' feed-forward).


extension Kernels {
    public static func silu(_ x: Tensor) -> Tensor { map(x, vectorSiLU) }
    public static func gelu(_ x: Tensor) -> Tensor { map(x, vectorGELU) }
    public static func quickGELU(_ x: Tensor) -> Tensor {
        map(x) { $0 / (1 + vectorExp(-1.702 * $0)) }
    }

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
            forEachVector(gate, to, count: width, vectorGELU)
            multiplyInPlace(to, by: hidden, count: width)
        }
        return result
    }

    /// Applies a vector `function` to every element, on all cores.
    @inline(__always)
    static func map(_ x: Tensor, _ function: (FloatVector) -> FloatVector) -> Tensor {
        let result = Tensor(uninitializedShape: x.shape)
        let source = x.storage.pointer, destination = result.storage.pointer
        Parallel.forEachChunk(x.count, grain: 16_384) { range in
            forEachVector(source + range.lowerBound, destination + range.lowerBound, count: range.count, function)
        }
        return result
    }
}

extension Kernels {
    /// destination[i] *= factors[i].
    @inline(__always)
    static func multiplyInPlace(_ destination: UnsafeMutablePointer<Float>, by factors: UnsafePointer<Float>, count: Int) {
        let width = FloatVector.scalarCount
        var i = 0
        while i + width <= count {
            let a = UnsafeRawPointer(destination + i).loadUnaligned(as: FloatVector.self)
            let b = UnsafeRawPointer(factors + i).loadUnaligned(as: FloatVector.self)
            UnsafeMutableRawPointer(destination + i).storeBytes(of: a * b, as: FloatVector.self)
            i += width
        }
        while i < count {
            destination[i] *= factors[i]
            i += 1
        }
    }
}
