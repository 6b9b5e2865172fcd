// diffusers' UpDecoderBlock2D (diffusers 0.42.1, models/unets/unet_2d_blocks.py) as the VAE
// decoder builds it: layers_per_block + 1 ResNet blocks without a time embedding (eps 1e-6),
// then, except on the last (full-resolution) level, nearest 2× upsampling and a 3×3 convolution.
import Tensors

public struct UpDecoderBlock2D: Sendable {
    public let resnets: [ResnetBlock2D]
    public let upsampler: Upsample2D?

    /// Checkpoint names: `resnets.{i}`, `upsamplers.0.conv`.
    public init(_ weights: WeightLoader, inputs: Int, outputs: Int, layers: Int,
                groups: Int, addsUpsample: Bool) throws {
        resnets = try (0..<layers).map { index in
            try ResnetBlock2D(weights("resnets")("\(index)"), inputs: index == 0 ? inputs : outputs,
                              outputs: outputs, timeEmbeddingChannels: nil,
                              groups: groups, epsilon: VAEConstants.epsilon)
        }
        upsampler = addsUpsample ? try Upsample2D(weights("upsamplers")("0"), channels: outputs) : nil
    }

    /// `x` [B, Cin, H, W] → [B, Cout, 2H, 2W] (or [B, Cout, H, W] on the last level).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var hidden = x
        for resnet in resnets { hidden = resnet(hidden) }   // [B, Cout, H, W]
        return upsampler.map { $0(hidden) } ?? hidden
    }
}
