// Parameter counts of the UNet's modules, as torch counts them (every weight and bias of
// diffusers 0.42.1's UNet2DConditionModel built from the same config), computed without weights.

extension UNetLayout {
    /// Every parameter the model loads.
    public var parameterCount: Int {
        let first = downBlocks[0].inputChannels
        var total = Self.convolution(inChannels, first, kernel: 3)                       // conv_in
        total += Self.linear(timestepChannels, timeEmbeddingChannels)                    // time_embedding.linear_1
            + Self.linear(timeEmbeddingChannels, timeEmbeddingChannels)                  // time_embedding.linear_2
        total += Self.linear(additionInputChannels, timeEmbeddingChannels)               // add_embedding.linear_1
            + Self.linear(timeEmbeddingChannels, timeEmbeddingChannels)                  // add_embedding.linear_2
        for block in downBlocks {
            for layer in 0..<block.layers {
                total += resnet(layer == 0 ? block.inputChannels : block.channels, block.channels)
            }
            total += block.attention.map { transformers($0, channels: block.channels) } ?? 0
            total += block.downsamples ? Self.convolution(block.channels, block.channels, kernel: 3) : 0
        }
        if let mid = midBlock {
            total += resnet(mid.channels, mid.channels)
            if let attention = mid.attention {
                total += transformers(attention, channels: mid.channels) + resnet(mid.channels, mid.channels)
            }
        }
        for block in upBlocks {
            total += block.resnetInputChannels.reduce(0) { $0 + resnet($1, block.channels) }
            total += block.attention.map { transformers($0, channels: block.channels) } ?? 0
            total += block.upsamples ? Self.convolution(block.channels, block.channels, kernel: 3) : 0
        }
        total += 2 * first                                                               // conv_norm_out
        total += Self.convolution(first, outChannels, kernel: 3)                         // conv_out
        return total
    }

    static func linear(_ inputs: Int, _ outputs: Int, bias: Bool = true) -> Int {
        inputs * outputs + (bias ? outputs : 0)
    }

    static func convolution(_ inputs: Int, _ outputs: Int, kernel: Int) -> Int {
        inputs * outputs * kernel * kernel + outputs
    }

    /// ResnetBlock2D: two norms, two 3×3 convolutions, the time projection, a 1×1 shortcut when
    /// the width changes.
    func resnet(_ inputs: Int, _ outputs: Int) -> Int {
        2 * inputs + Self.convolution(inputs, outputs, kernel: 3)
            + Self.linear(timeEmbeddingChannels, outputs)
            + 2 * outputs + Self.convolution(outputs, outputs, kernel: 3)
            + (inputs == outputs ? 0 : Self.convolution(inputs, outputs, kernel: 1))
    }

    /// One Transformer2DModel per layer: group norm, linear proj_in / proj_out, and its blocks.
    func transformers(_ attention: Attention, channels: Int) -> Int {
        attention.depths.reduce(0) { total, depth in
            total + 2 * channels + 2 * Self.linear(channels, channels) + depth * transformerBlock(channels)
        }
    }

    /// BasicTransformerBlock: three layer norms, self-attention, cross-attention (bias-free
    /// projections, biased output) and the GEGLU feed-forward (4× inner width, doubled for the gate).
    func transformerBlock(_ channels: Int) -> Int {
        let norms = 3 * 2 * channels
        let selfAttention = 3 * Self.linear(channels, channels, bias: false) + Self.linear(channels, channels)
        let crossAttention = Self.linear(channels, channels, bias: false)
            + 2 * Self.linear(contextChannels, channels, bias: false) + Self.linear(channels, channels)
        let feedForward = Self.linear(channels, 8 * channels) + Self.linear(4 * channels, channels)
        return norms + selfAttention + crossAttention + feedForward
    }
}
