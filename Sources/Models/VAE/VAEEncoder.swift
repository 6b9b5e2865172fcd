// diffusers' Encoder (diffusers 0.42.1, models/autoencoders/vae.py) with double_z = True, as
// AutoencoderKL builds it: conv_in, one DownEncoderBlock2D per level (downsampling after every
// level but the deepest), the mid block, group norm + SiLU, and conv_out to 2 × latent channels
// (mean and log-variance).
import Tensors

public struct VAEEncoder: Sendable {
    public let convIn: Conv2d
    public let downBlocks: [DownEncoderBlock2D]
    public let midBlock: VAEMidBlock
    public let convNormOut: GroupNorm
    public let convOut: Conv2d

    /// `weights` is the loader of the `encoder` prefix; `config` must be validated.
    public init(_ weights: WeightLoader, config: AutoencoderKLConfig) throws {
        let channels = config.blockOutChannels
        let groups = config.normNumGroups
        convIn = try Conv2d(weights("conv_in"), inputs: config.inChannels, outputs: channels[0], kernel: 3, padding: 1)
        var blocks: [DownEncoderBlock2D] = []
        for level in channels.indices {
            blocks.append(try DownEncoderBlock2D(
                weights("down_blocks")("\(level)"), inputs: level == 0 ? channels[0] : channels[level - 1],
                outputs: channels[level], layers: config.layersPerBlock, groups: groups,
                addsDownsample: level != channels.count - 1))
        }
        downBlocks = blocks
        let deepest = channels[channels.count - 1]
        midBlock = try VAEMidBlock(weights("mid_block"), channels: deepest, groups: groups,
                                   addsAttention: config.midBlockAddAttention)
        convNormOut = try GroupNorm(weights("conv_norm_out"), groups: groups, channels: deepest,
                                    epsilon: VAEConstants.epsilon)
        convOut = try Conv2d(weights("conv_out"), inputs: deepest, outputs: 2 * config.latentChannels,
                             kernel: 3, padding: 1)
    }

    /// `image` [B, Cin, H, W] → moments [B, 2L, H/f, W/f] (before quant_conv), f = 2^(levels−1).
    public func callAsFunction(_ image: Tensor) -> Tensor {
        var hidden = convIn(image)                              // [B, C0, H, W]
        for block in downBlocks { hidden = block(hidden) }      // [B, Cdeepest, H/f, W/f]
        hidden = midBlock(hidden)                               // [B, Cdeepest, H/f, W/f]
        return convOut(convNormOut(hidden, fusingSiLU: true))   // [B, 2L, H/f, W/f]
    }
}
