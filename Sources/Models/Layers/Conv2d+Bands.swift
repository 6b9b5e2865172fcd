import Tensors

extension Conv2d {
    /// Output rows `rows` of this (stride 1) convolution of a picture `height` rows tall, whose
    /// input rows come from `input`: it is asked once, for the band's rows and the halo the kernel
    /// reaches beyond them, clipped to the picture. The result equals those rows of the whole
    /// convolution.
    public func callAsFunction(rows: Range<Int>, height: Int, input: (Range<Int>) -> Tensor) -> Tensor {
        precondition(stride == 1, "a band convolution needs stride 1")
        let kernel = weight.shape[2]
        let first = rows.lowerBound - padding, end = rows.upperBound - padding + kernel - 1
        let needed = max(0, first)..<min(height, end)
        return Kernels.conv2d(band: input(needed), weight: weight.floats(), bias: bias, padding: padding,
                              top: needed.lowerBound - first, bottom: end - needed.upperBound)
    }
}
