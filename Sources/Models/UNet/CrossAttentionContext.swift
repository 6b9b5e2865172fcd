// The text side of the UNet's cross-attention. In diffusers (0.42.1, attention_processor.py
// AttnProcessor2_0) every forward projects `encoder_hidden_states` through each attn2's to_k and
// to_v; those projections depend only on the prompt, so they are computed here once, in a value
// that can be kept for all denoising steps of a prompt.
import Tensors

/// The cross-attention keys and values of every transformer block of one UNet, for one batch of
/// text embeddings. Make it with `UNet2DConditionModel.crossAttentionContext(for:)`.
public struct CrossAttentionContext: Sendable {
    public struct KeyValue: Sendable {
        public let key: Tensor     // [B, S, C]
        public let value: Tensor   // [B, S, C]
    }

    /// Batch size of the text embeddings.
    public let batch: Int
    /// Text tokens per sample (77 for SDXL).
    public let tokens: Int
    /// One entry per transformer block, in the order the blocks were built (`contextSlot`).
    public let keyValues: [KeyValue]
}
