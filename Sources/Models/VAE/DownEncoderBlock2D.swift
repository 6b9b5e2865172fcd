// diffusers' DownEncoderBlock2D (diffusers 0.42.1, models/unets/unet_2d_blocks.py) as the VAE
// encoder builds it: ResNet blocks without a time embedding (eps 1e-6), then, except on the
// deepest level, a stride-2 convolution after padding the bottom and right by one (padding 0).
import Tensors

public struct DownEncoderBlock2D: Sendable {
    public let resnets: [ResnetBlock2D]
    public let downsampler: Downsample2D?

    /// Checkpoint names: `resnets.{i}`, `downsamplers.0.conv`.
    public init(_ weights: WeightLoader, inputs: Int, outputs: Int, layers: Int,
                groups: Int, addsDownsample: Bool) throws {
        resnets = try (0..<layers).map { index in
            try ResnetBlock2D(weights("resnets")("\(index)"), inputs: index == 0 ? inputs : outputs,
                              outputs: outputs, timeEmbeddingChannels: nil,
                              groups: groups, epsilon: VAEConstants.epsilon)
        }
        downsampler = addsDownsample
            ? try Downsample2D(weights("downsamplers")("0"), channels: outputs, padding: 0)
            : nil
    }

    /// `x` [B, Cin, H, W] → [B, Cout, ⌊H/2⌋, ⌊W/2⌋] (or [B, Cout, H, W] on the deepest level).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var hidden = x
        for resnet in resnets { hidden = resnet(hidden) }   // [B, Cout, H, W]
        return downsampler.map { $0(hidden) } ?? hidden
    }
}
