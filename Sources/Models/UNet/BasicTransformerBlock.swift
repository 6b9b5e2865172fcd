// diffusers' BasicTransformerBlock (diffusers 0.42.1, diffusers/models/attention.py) as SDXL uses
// it: norm_type "layer_norm" (eps 1e-5), bias-free q/k/v, self-attention (attn1), cross-attention
// on the text (attn2), GEGLU feed-forward (ff), each pre-normed and added back.
import Tensors

public struct BasicTransformerBlock: Sendable {
    public let norm1: LayerNorm, attn1: Attention
    public let norm2: LayerNorm, attn2: Attention
    public let norm3: LayerNorm, ff: FeedForward
    /// Where this block's keys and values sit in a `CrossAttentionContext`.
    public let contextSlot: Int

    public init(_ weights: WeightLoader, channels: Int, heads: Int, contextChannels: Int, contextSlot: Int) throws {
        let epsilon = UNetLayout.transformerLayerNormEpsilon
        let headWidth = channels / heads
        norm1 = try LayerNorm(weights("norm1"), channels: channels, epsilon: epsilon)
        attn1 = try Attention(weights("attn1"), queryChannels: channels, heads: heads, headWidth: headWidth,
                              projectionBias: false)
        norm2 = try LayerNorm(weights("norm2"), channels: channels, epsilon: epsilon)
        attn2 = try Attention(weights("attn2"), queryChannels: channels, contextChannels: contextChannels,
                              heads: heads, headWidth: headWidth, projectionBias: false)
        norm3 = try LayerNorm(weights("norm3"), channels: channels, epsilon: epsilon)
        ff = try FeedForward(weights("ff"), channels: channels)
        self.contextSlot = contextSlot
    }

    /// attn2's projections of the text embeddings `text` [B, S, C'].
    public func crossAttentionKeyValue(_ text: Tensor) -> CrossAttentionContext.KeyValue {
        CrossAttentionContext.KeyValue(key: attn2.toKey(text), value: attn2.toValue(text))
    }

    /// `x` [B, T, C] → [B, T, C].
    public func callAsFunction(_ x: Tensor, context: CrossAttentionContext) -> Tensor {
        var h = Kernels.add(x, attn1(norm1(x)))                                       // self-attention
        let text = context.keyValues[contextSlot]
        let query = attn2.toQuery(norm2(h))                                           // [B, T, C]
        let attended = Kernels.attention(query: query, key: text.key, value: text.value, heads: attn2.heads)
        h = Kernels.add(h, attn2.toOut(attended))                                     // cross-attention
        return Kernels.add(h, ff(norm3(h)))                                           // feed-forward
    }
}
