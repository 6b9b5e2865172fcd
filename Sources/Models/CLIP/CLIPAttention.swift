// transformers 5.24.0, models/clip/modeling_clip.py, `CLIPAttention` as the text model runs it:
// biased q/k/v projections, scaled dot-product attention with scale head_dim^-0.5 under the
// causal mask (`create_causal_mask`, `is_causal=True`), then out_proj. Padding is not masked.
import Tensors

/// Checkpoint names: `self_attn.q_proj`, `k_proj`, `v_proj`, `out_proj` (weights and biases).
public struct CLIPAttention: Sendable {
    public let heads: Int
    public let qProj: Linear, kProj: Linear, vProj: Linear, outProj: Linear

    public init(_ weights: WeightLoader, width: Int, heads: Int) throws {
        self.heads = heads
        qProj = try Linear(weights("q_proj"), inputs: width, outputs: width)
        kProj = try Linear(weights("k_proj"), inputs: width, outputs: width)
        vProj = try Linear(weights("v_proj"), inputs: width, outputs: width)
        outProj = try Linear(weights("out_proj"), inputs: width, outputs: width)
    }

    /// Causal self-attention: token i attends to tokens 0...i. [B, T, D] → [B, T, D]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        // The kernel scales scores by 1/√(D/heads), the same factor transformers passes to SDPA.
        let attended = Kernels.attention(query: qProj(x), key: kProj(x), value: vProj(x),
                                         heads: heads, causal: true)  // [B, T, D]
        return outProj(attended)                                       // [B, T, D]
    }
}
