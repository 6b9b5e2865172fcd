// diffusers' Downsample2D and Upsample2D (diffusers/models/downsampling.py, upsampling.py)
// with use_conv=True; the convolution is named `conv` in checkpoints.
import Tensors

/// A 3×3 stride-2 convolution. The VAE encoder uses padding 0 after padding the
/// bottom and right by one; the UNet uses padding 1.
public struct Downsample2D: Sendable {
    public let conv: Conv2d
    public let padsBottomRight: Bool

    public init(_ weights: WeightLoader, channels: Int, outputs: Int? = nil, padding: Int) throws {
        conv = try Conv2d(weights("conv"), inputs: channels, outputs: outputs ?? channels,
                          kernel: 3, stride: 2, padding: padding)
        padsBottomRight = padding == 0
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        conv(padsBottomRight ? Kernels.zeroPad(x, bottom: 1, right: 1) : x)
    }
}

/// Nearest-neighbour 2× upsampling followed by a 3×3 convolution.
public struct Upsample2D: Sendable {
    public let conv: Conv2d

    public init(_ weights: WeightLoader, channels: Int, outputs: Int? = nil) throws {
        conv = try Conv2d(weights("conv"), inputs: channels, outputs: outputs ?? channels, kernel: 3, padding: 1)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        conv(Kernels.upsampleNearest2x(x))
    }
}
