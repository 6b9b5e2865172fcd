// What SDXL takes from a CLIP text encoder (diffusers 0.42,
// pipelines/stable_diffusion_xl/pipeline_stable_diffusion_xl.py, `encode_prompt`).
import Tensors

public struct CLIPTextEncoderOutput: Sendable {
    /// transformers' `hidden_states[-(clipSkip + 2)]`: with clip skip 0 the output of the
    /// penultimate encoder layer, before the final layer norm.  [B, T, D]
    public let hiddenState: Tensor
    /// `pooler_output`: the final-layer-normed last hidden state at each row's pooling position;
    /// nil when pooling was not asked for.  [B, D]
    public let pooled: Tensor?
    /// `text_embeds` = text_projection(pooled), from `CLIPTextModelWithProjection` only.  [B, P]
    public let textEmbeds: Tensor?
}
