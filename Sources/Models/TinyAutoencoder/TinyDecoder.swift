// diffusers' DecoderTiny (diffusers 0.42.1, models/autoencoders/vae.py) as AutoencoderTiny builds
// it. Its modules form one nn.Sequential named `layers`, numbered in order:
//   0 conv latent_channels → width (3×3), 1 activation,
//   then for each stage: its AutoencoderTinyBlocks, an nn.Upsample (all stages but the last, no
//   weights), and a 3×3 convolution: width → width without bias, or width → out_channels with bias
//   in the last stage.
// The forward pass squashes the latents with tanh(x / 3) · 3 first and maps the result from [0, 1]
// to [-1, 1] with x · 2 − 1 at the end; nothing is clamped after that.
import Tensors

public struct TinyDecoder: Sendable {
    /// One stage: its blocks, the upsampling that follows them (1 in the last stage) and its convolution.
    public struct Stage: Sendable {
        public let blocks: [AutoencoderTinyBlock]
        public let upsampling: Int
        public let convolution: Conv2d
    }

    /// The limit of the soft clamp on the latents (diffusers writes it as a literal 3).
    public static let latentLimit: Float = 3

    public let convIn: Conv2d
    public let stages: [Stage]

    /// `weights` is the loader of the `decoder` prefix; `config` must be validated.
    public init(_ weights: WeightLoader, config: AutoencoderTinyConfig) throws {
        let layers = weights("layers")
        let widths = config.decoderBlockOutChannels
        convIn = try Conv2d(layers("0"), inputs: config.latentChannels, outputs: widths[0], kernel: 3, padding: 1)
        var index = 2                                   // layers.1 is convIn's activation
        var stages: [Stage] = []
        for (stage, width) in widths.enumerated() {
            let isLast = stage == widths.count - 1
            var blocks: [AutoencoderTinyBlock] = []
            for _ in 0..<config.numDecoderBlocks[stage] {
                blocks.append(try AutoencoderTinyBlock(layers("\(index)"), channels: width))
                index += 1
            }
            if !isLast { index += 1 }                   // the nn.Upsample
            let convolution = try Conv2d(layers("\(index)"), inputs: width, outputs: isLast ? config.outChannels : width,
                                         kernel: 3, padding: 1, bias: isLast)
            index += 1
            stages.append(Stage(blocks: blocks, upsampling: isLast ? 1 : config.upsamplingScalingFactor,
                                convolution: convolution))
        }
        self.stages = stages
    }

    /// `latents` [B, L, h, w] → image [B, out_channels, h·f, w·f], nominally in [-1, 1].
    public func callAsFunction(_ latents: Tensor) -> Tensor {
        let squashed = Kernels.softClamp(latents, limit: Self.latentLimit)   // [B, L, h, w]
        var hidden = convIn(squashed)                                        // [B, C, h, w]
        Kernels.reluInPlace(&hidden)
        for stage in stages {
            for block in stage.blocks { hidden = block(hidden) }
            hidden = stage.convolution(Kernels.upsampleNearest(hidden, factor: stage.upsampling))
        }                                                                    // [B, Cout, h·f, w·f]
        Kernels.scaleAndSubtractInPlace(&hidden, factor: 2, offset: 1)
        return hidden
    }
}
