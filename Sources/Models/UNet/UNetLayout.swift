// The shape of a UNet2DConditionModel as diffusers 0.42.1 builds it from its config
// (diffusers/models/unets/unet_2d_condition.py, `__init__`): channels, layer counts and transformer
// depths of every block, resolved once from a validated `UNetConfig`.

/// Every number needed to allocate a UNet, its weights' shapes and its parameter count.
public struct UNetLayout: Sendable, Equatable {
    /// The cross-attention part of a block: one Transformer2DModel per ResNet layer.
    public struct Attention: Sendable, Equatable {
        public var heads: Int
        /// Transformer blocks in each Transformer2DModel, one entry per layer.
        public var depths: [Int]

        public init(heads: Int, depths: [Int]) {
            self.heads = heads
            self.depths = depths
        }
    }

    public struct DownBlock: Sendable, Equatable {
        public var inputChannels: Int
        public var channels: Int
        public var layers: Int
        /// nil for DownBlock2D.
        public var attention: Attention?
        public var downsamples: Bool
    }

    public struct MidBlock: Sendable, Equatable {
        public var channels: Int
        /// nil for UNetMidBlock2D (one ResNet block); otherwise ResNet, transformer, ResNet.
        public var attention: Attention?

        public init(channels: Int, attention: Attention?) {
            self.channels = channels
            self.attention = attention
        }
    }

    public struct UpBlock: Sendable, Equatable {
        /// Input channels of each ResNet block: the running sample plus the skip it is joined with.
        public var resnetInputChannels: [Int]
        public var channels: Int
        /// nil for UpBlock2D.
        public var attention: Attention?
        public var upsamples: Bool
    }

    public var inChannels: Int
    public var outChannels: Int
    /// Width of the sinusoidal timestep features (block_out_channels[0]).
    public var timestepChannels: Int
    /// Width of the time embedding every ResNet block receives.
    public var timeEmbeddingChannels: Int
    public var flipSinToCos: Bool
    public var frequencyShift: Float
    /// Width of the sinusoidal features of each `time_ids` entry.
    public var additionTimeChannels: Int
    /// Width of [pooled text embedding, time id features]: the add embedding's input.
    public var additionInputChannels: Int
    /// Channels of `encoder_hidden_states`.
    public var contextChannels: Int
    public var groups: Int
    public var epsilon: Float
    public var downBlocks: [DownBlock]
    public var midBlock: MidBlock?
    public var upBlocks: [UpBlock]

    /// Transformer2DModel's group norm has a fixed epsilon, whatever `norm_eps` says.
    public static let transformerGroupNormEpsilon: Float = 1e-6
    /// BasicTransformerBlock's layer norms use diffusers' default.
    public static let transformerLayerNormEpsilon: Float = 1e-5

    public var levels: Int { downBlocks.count }

    /// Latent sizes that are multiples of this halve evenly at every level; other sizes work too
    /// (diffusers resizes on the way up), as SDXL's aspect buckets never need.
    public var latentSizeMultiple: Int { 1 << (levels - 1) }

    /// The number of `time_ids` entries a pooled embedding of `pooledChannels` leaves room for.
    public func timeIDCount(pooledChannels: Int) -> Int? {
        let rest = additionInputChannels - pooledChannels
        return rest > 0 && rest % additionTimeChannels == 0 ? rest / additionTimeChannels : nil
    }
}
