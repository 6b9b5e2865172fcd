// diffusers' Decoder (diffusers 0.42.1, models/autoencoders/vae.py) with norm_type "group", as
// AutoencoderKL builds it: conv_in to the deepest width, the mid block, then one
// UpDecoderBlock2D per level from the deepest to the shallowest (channels of block_out_channels
// reversed; up_blocks.0 is the deepest and every block but the last upsamples), group norm + SiLU
// and conv_out.
//
// The work is split in two stages:
// - `latentStage` (conv_in, mid block) runs at latent resolution and contains the only global
//   mixing (the mid-block attention); it is cheap.
// - `imageStage` (up blocks, conv_norm_out, conv_out) holds almost all of the work and memory. Its
//   convolutions are local and its group norms need only whole-picture statistics, so it runs in
//   bands of rows (RowBanding.swift), exactly: no tiles, no seams, no estimated statistics.
import Tensors

public struct VAEDecoder: Sendable {
    public let convIn: Conv2d
    public let midBlock: VAEMidBlock
    public let upBlocks: [UpDecoderBlock2D]
    public let convNormOut: GroupNorm
    public let convOut: Conv2d

    /// `weights` is the loader of the `decoder` prefix; `config` must be validated.
    public init(_ weights: WeightLoader, config: AutoencoderKLConfig) throws {
        let channels = config.blockOutChannels
        let reversed = Array(channels.reversed())
        let groups = config.normNumGroups
        convIn = try Conv2d(weights("conv_in"), inputs: config.latentChannels, outputs: reversed[0],
                            kernel: 3, padding: 1)
        midBlock = try VAEMidBlock(weights("mid_block"), channels: reversed[0], groups: groups,
                                   addsAttention: config.midBlockAddAttention)
        var blocks: [UpDecoderBlock2D] = []
        for index in reversed.indices {
            blocks.append(try UpDecoderBlock2D(
                weights("up_blocks")("\(index)"), inputs: index == 0 ? reversed[0] : reversed[index - 1],
                outputs: reversed[index], layers: config.layersPerBlock + 1, groups: groups,
                addsUpsample: index != reversed.count - 1))
        }
        upBlocks = blocks
        convNormOut = try GroupNorm(weights("conv_norm_out"), groups: groups, channels: channels[0],
                                    epsilon: VAEConstants.epsilon)
        convOut = try Conv2d(weights("conv_out"), inputs: channels[0], outputs: config.outChannels,
                             kernel: 3, padding: 1)
    }

    /// `latents` [1, L, h, w] (after post_quant_conv) → image [1, Cout, h·f, w·f].
    public func callAsFunction(_ latents: Tensor, banding: RowBanding = .standard) -> Tensor {
        imageStage(latentStage(latents), banding: banding)
    }

    /// conv_in and the mid block: [B, L, h, w] → [B, Cdeepest, h, w].
    public func latentStage(_ latents: Tensor) -> Tensor {
        midBlock(convIn(latents))                               // [B, Cdeepest, h, w]
    }

    /// The up blocks and the output layers, in bands: [1, Cdeepest, h, w] → [1, Cout, h·f, w·f].
    /// Memory peaks in the first ResNet of the last up block (full resolution, input width
    /// block_out_channels[1]): its input, which its output then overwrites, and its conv1 output.
    /// Each layer's tensors differ in size from the next one's, so the buffer pool, which keeps
    /// freed buffers for a UNet's next step, keeps none of these.
    public func imageStage(_ hidden: consuming Tensor, banding: RowBanding = .standard) -> Tensor {
        precondition(hidden.rank == 4 && hidden.shape[0] == 1, "imageStage: one picture at a time, not \(hidden.shape)")
        return BufferPool.shared.withoutCaching(consume hidden) { imageLayers($0, banding: banding) }
    }

    private func imageLayers(_ hidden: consuming Tensor, banding: RowBanding) -> Tensor {
        for block in upBlocks { hidden = block(banded: consume hidden, banding: banding) }   // [1, C0, H, W]
        let height = hidden.shape[2], width = hidden.shape[3]
        let image = Tensor(uninitializedShape: [1, convOut.weight.shape[0], height, width])
        let statistics = convNormOut.statistics(hidden)
        for rows in banding.bands(height: height, channels: hidden.shape[1], width: width) {
            let band = convOut(rows: rows, height: height) {
                convNormOut(rows: $0, of: hidden, statistics: statistics, fusingSiLU: true)
            }
            Kernels.writeRows(band, into: image, at: rows.lowerBound)
        }
        return image                                            // [1, Cout, H, W]
    }
}
