// diffusers' AutoencoderTinyBlock (diffusers 0.42.1, models/unets/unet_2d_blocks.py) as the tiny
// decoder builds it: three 3×3 convolutions with the activation (ReLU) between them, the input added
// back, and a ReLU. In the decoder a block never changes the width, so its skip is the identity and
// has no weights. Checkpoint names: conv.0, conv.2, conv.4 (conv.1 and conv.3 are the activations).
import Tensors

public struct AutoencoderTinyBlock: Sendable {
    public let convolutions: [Conv2d]

    /// `weights` is the loader of the block's own prefix (`decoder.layers.N`).
    public init(_ weights: WeightLoader, channels: Int) throws {
        convolutions = try [0, 2, 4].map { index in
            try Conv2d(weights("conv")("\(index)"), inputs: channels, outputs: channels, kernel: 3, padding: 1)
        }
    }

    /// [B, C, H, W] → [B, C, H, W].
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var hidden = convolutions[0](x)                  // [B, C, H, W]
        Kernels.reluInPlace(&hidden)
        hidden = convolutions[1](hidden)
        Kernels.reluInPlace(&hidden)
        hidden = convolutions[2](hidden)
        Kernels.addReLUInPlace(&hidden, adding: x)       // fuse(conv(x) + skip(x))
        return hidden
    }
}
