// How much memory a generation needs beyond its weights, estimated from the model configs before
// anything runs, so that a job that cannot fit is refused with a size that would.
//
// The estimates follow the engine's own working sets: the UNet keeps every down-block output for
// its skip connections and works on one level at a time; the VAE decoder's peak is its last
// up-block at full resolution (it runs in bands of rows, so only the tensors a group norm must
// see whole are whole). Convolution and band scratch are bounded by the kernels' budgets; the
// fused attention's packed keys and values fit inside a transformer level's working tensors, and
// its per-thread blocks are a few hundred kilobytes. The buffer pool may keep up to its budget on top.
import Imaging
import Models
import Tensors

/// Bytes a plan needs besides the weights, by phase; the phases do not overlap.
public struct ActivationMemory: Sendable, Equatable {
    public let denoising: Int
    public let decoding: Int

    /// The larger phase, with the kernels' scratch.
    public var peak: Int { max(denoising, decoding) + Self.scratch }

    /// The decoding phase alone, with the kernels' scratch.
    public var decodingPeak: Int { decoding + Self.scratch }

    /// The estimate for `plan` on `pipeline`.
    public init(_ plan: GenerationPlan, pipeline: SDXLPipeline) {
        let batch = plan.parameters.usesClassifierFreeGuidance ? 2 : 1
        var denoising = Self.unet(pipeline.base.unet.layout, size: plan.size, vaeFactor: pipeline.base.vaeScaleFactor,
                                  batch: batch)
        if plan.refiner != nil, let refiner = pipeline.refiner {
            denoising = max(denoising, Self.unet(refiner.unet.layout, size: plan.size, vaeFactor: refiner.vaeScaleFactor,
                                                 batch: batch))
        }
        self.denoising = denoising
        decoding = Self.vaeDecoder(pipeline.base.vae.config, size: plan.size)
    }

    /// Skips of every down block, plus the widest level's working tensors (the concatenated input
    /// of an up block and a resnet's temporaries, or a GEGLU feed-forward's hidden layer).
    static func unet(_ layout: UNetLayout, size: PixelSize, vaeFactor: Int, batch: Int) -> Int {
        let positions = (size.width / max(vaeFactor, 1)) * (size.height / max(vaeFactor, 1))
        var skips = (layout.downBlocks.first?.inputChannels ?? 0) * positions
        var working = 0
        for (level, block) in layout.downBlocks.enumerated() {
            let levelPositions = positions >> (2 * level)
            skips += (block.layers + (block.downsamples ? 1 : 0)) * block.channels * levelPositions
            let widestInput = 2 * block.channels + (layout.downBlocks.dropFirst(level + 1).first?.channels ?? block.channels)
            working = max(working, 4 * widestInput * levelPositions)
            if block.attention != nil { working = max(working, 10 * block.channels * levelPositions) }
        }
        return 4 * batch * (skips + working)
    }

    /// The first ResNet block of the last up block, which runs in bands of rows: its input (the
    /// previous level's channels, upsampled), which its output overwrites, and its conv1 output
    /// at the block's own width, both at full resolution. Bands and scratch are bounded apart.
    static func vaeDecoder(_ config: AutoencoderKLConfig, size: PixelSize) -> Int {
        let channels = config.blockOutChannels
        let finest = channels.first ?? 0
        let next = channels.dropFirst().first ?? finest
        return 4 * size.width * size.height * (next + finest)
    }

    /// The kernels' scratch, which does not grow with the picture.
    static let scratch = 4 * (Kernels.convolutionScratchBudget + 4 * RowBanding.standard.floats)

    /// The largest size with the aspect ratio of `size`, this estimate's picture size, on a grid
    /// of `multiple`, whose activations fit in `bytes`; nil when not even the smallest does.
    /// Activations grow with the pixel count, so the sides shrink with the square root of the ratio.
    public func largestFitting(_ size: PixelSize, bytes: Int, multiple: Int) -> PixelSize? {
        let growing = peak - Self.scratch
        guard bytes > Self.scratch, growing > 0 else { return nil }
        let scale = (Double(bytes - Self.scratch) / Double(growing)).squareRoot()
        let width = Int(Double(size.width) * scale) / multiple * multiple
        let height = Int(Double(size.height) * scale) / multiple * multiple
        guard width >= multiple, height >= multiple else { return nil }
        return PixelSize(width: width, height: height)
    }
}
