// conv2d as torch.nn.functional.conv2d (groups 1, dilation 1), by im2col and sgemm.

extension Kernels {
    /// Floats of im2col scratch per band; bounds the extra memory of a convolution.
    public static let convolutionScratchBudget = 4 << 20

    /// `x` [N, C, H, W], `weight` [O, C, kH, kW], `bias` [O] → [N, O, H', W'].
    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor? = nil,
                              stride: Int = 1, padding: Int = 0) -> Tensor {
        conv2d(x, weight: weight, bias: bias,
               geometry: ConvolutionGeometry(input: x.shape, weight: weight.shape, stride: stride, padding: padding))
    }

    /// The same on a horizontal band of a taller input: `x` holds the band's rows and any halo rows
    /// around it, and only the edges of the whole picture are zero-padded (`top`, `bottom`), so
    /// the result is exactly those rows of the whole convolution. Stride 1; `padding` is horizontal.
    public static func conv2d(band x: Tensor, weight: Tensor, bias: Tensor? = nil,
                              padding: Int, top: Int, bottom: Int) -> Tensor {
        conv2d(x, weight: weight, bias: bias,
               geometry: ConvolutionGeometry(input: x.shape, weight: weight.shape, stride: 1, padding: padding,
                                             top: top, bottom: bottom))
    }

    private static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, geometry g: ConvolutionGeometry) -> Tensor {
        let result = Tensor(uninitializedShape: [g.batch, g.outChannels, g.outHeight, g.outWidth])
        let outPlane = g.outHeight * g.outWidth
        let out = result.storage.pointer

        if let bias {
            precondition(bias.count == g.outChannels, "conv2d: bias \(bias.shape) for \(g.outChannels) channels")
            Parallel.forEach(g.batch * g.outChannels, costPerItem: outPlane) { plane in
                (out + plane * outPlane).initialize(repeating: bias.storage.pointer[plane % g.outChannels],
                                                    count: outPlane)
            }
        }
        let beta: Float = bias == nil ? 0 : 1
        let patch = g.inChannels * g.kernelHeight * g.kernelWidth
        FLOPCounter.add(2 * g.batch * g.outChannels * outPlane * patch)

        for n in 0..<g.batch {
            let input = x.storage.pointer + n * g.inChannels * g.inHeight * g.inWidth
            let output = out + n * g.outChannels * outPlane
            if g.isPointwise {
                BLAS.sgemm(m: g.outChannels, n: outPlane, k: g.inChannels, a: weight.storage.pointer,
                           lda: g.inChannels, b: input, ldb: outPlane, beta: beta, c: output, ldc: outPlane)
                continue
            }
            let bandRows = max(1, min(g.outHeight, convolutionScratchBudget / max(patch * g.outWidth, 1)))
            let columns = UnsafeMutablePointer<Float>.allocate(capacity: patch * bandRows * g.outWidth)
            defer { columns.deallocate() }
            var firstRow = 0
            while firstRow < g.outHeight {
                let rows = min(bandRows, g.outHeight - firstRow)
                unfold(input, geometry: g, firstRow: firstRow, rows: rows, into: columns)
                BLAS.sgemm(m: g.outChannels, n: rows * g.outWidth, k: patch,
                           a: weight.storage.pointer, lda: patch,
                           b: columns, ldb: rows * g.outWidth,
                           beta: beta, c: output + firstRow * g.outWidth, ldc: outPlane)
                firstRow += rows
            }
        }
        return result
    }

    /// im2col for output rows `firstRow ..< firstRow + rows`: one row of `columns` per
    /// (channel, ky, kx), holding the input value under that tap for each output pixel.
    private static func unfold(_ input: UnsafeMutablePointer<Float>, geometry g: ConvolutionGeometry,
                               firstRow: Int, rows: Int, into columns: UnsafeMutablePointer<Float>) {
        let width = rows * g.outWidth
        let taps = g.kernelHeight * g.kernelWidth
        Parallel.forEach(g.inChannels * taps, costPerItem: width) { tapRow in
            let channel = tapRow / taps
            let ky = (tapRow % taps) / g.kernelWidth
            let kx = tapRow % g.kernelWidth
            let plane = input + channel * g.inHeight * g.inWidth
            var destination = columns + tapRow * width
            for oy in firstRow..<(firstRow + rows) {
                let iy = oy * g.stride - g.paddingTop + ky
                guard iy >= 0 && iy < g.inHeight else {
                    destination.initialize(repeating: 0, count: g.outWidth)
                    destination += g.outWidth
                    continue
                }
                let source = plane + iy * g.inWidth
                if g.stride == 1 {
                    // Output columns whose input column is inside the image form one run.
                    let shift = kx - g.padding
                    let start = min(g.outWidth, max(0, -shift))
                    let end = min(g.outWidth, g.inWidth - shift)
                    if start > 0 { destination.initialize(repeating: 0, count: start) }
                    if end > start { (destination + start).initialize(from: source + start + shift, count: end - start) }
                    if end < g.outWidth {
                        let from = max(end, start)
                        (destination + from).initialize(repeating: 0, count: g.outWidth - from)
                    }
                } else {
                    for ox in 0..<g.outWidth {
                        let ix = ox * g.stride - g.padding + kx
                        destination[ox] = (ix >= 0 && ix < g.inWidth) ? source[ix] : 0
                    }
                }
                destination += g.outWidth
            }
        }
    }
}

/// Sizes of a 2-D convolution, checked once.
public struct ConvolutionGeometry: Sendable {
    public let batch, inChannels, inHeight, inWidth: Int
    public let outChannels, kernelHeight, kernelWidth: Int
    /// `padding` is on the left and right; `paddingTop` and `paddingBottom` equal it unless a
    /// band of a taller input is convolved.
    public let stride, padding, paddingTop, paddingBottom: Int
    public let outHeight, outWidth: Int

    public init(input: [Int], weight: [Int], stride: Int, padding: Int) {
        self.init(input: input, weight: weight, stride: stride, padding: padding, top: padding, bottom: padding)
    }

    public init(input: [Int], weight: [Int], stride: Int, padding: Int, top: Int, bottom: Int) {
        precondition(input.count == 4 && weight.count == 4, "conv2d: input \(input) and weight \(weight) must be 4-D")
        precondition(input[1] == weight[1], "conv2d: input \(input) has \(input[1]) channels, weight \(weight) expects \(weight[1])")
        precondition(stride >= 1 && padding >= 0 && top >= 0 && bottom >= 0,
                     "conv2d: stride \(stride), padding \(padding) (top \(top), bottom \(bottom))")
        (batch, inChannels, inHeight, inWidth) = (input[0], input[1], input[2], input[3])
        (outChannels, kernelHeight, kernelWidth) = (weight[0], weight[2], weight[3])
        self.stride = stride
        self.padding = padding
        (paddingTop, paddingBottom) = (top, bottom)
        outHeight = (inHeight + top + bottom - kernelHeight) / stride + 1
        outWidth = (inWidth + 2 * padding - kernelWidth) / stride + 1
        precondition(outHeight > 0 && outWidth > 0, "conv2d: kernel \(weight) larger than padded input \(input)")
    }

    /// A 1×1 kernel with stride 1 and no padding: a plain matrix product.
    public var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && stride == 1 && padding == 0 && paddingTop == 0 && paddingBottom == 0
    }
}
