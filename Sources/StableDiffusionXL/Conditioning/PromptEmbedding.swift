// SDXL's text conditioning, ported from StableDiffusionXLPipeline.encode_prompt (diffusers 0.42,
// pipelines/stable_diffusion_xl/pipeline_stable_diffusion_xl.py; the img2img pipeline copies it):
// each text encoder's penultimate hidden state (`hidden_states[-2]`), concatenated feature-wise in
// encoder order, and the projected pooled output (`text_embeds`) of the last encoder.
import CLIPTokenizer
import Models
import Tensors

/// One prompt encoded for one model.
public struct PromptEmbedding: Sendable {
    /// `prompt_embeds`: [1, 77, Σ hidden sizes] (2048 for SDXL base, 1280 for the refiner).
    public let hidden: Tensor
    /// `pooled_prompt_embeds` / `add_text_embeds`: [1, projection_dim] (1280 for SDXL).
    public let pooled: Tensor

    public init(hidden: Tensor, pooled: Tensor) {
        self.hidden = hidden
        self.pooled = pooled
    }

    /// `torch.zeros_like` of both: the negative conditioning when no negative prompt is given and
    /// the model has `force_zeros_for_empty_prompt`.
    public func zeros() -> PromptEmbedding {
        PromptEmbedding(hidden: Tensor(zeros: hidden.shape), pooled: Tensor(zeros: pooled.shape))
    }
}

extension SDXLModel {
    /// The positive conditioning. Text encoder 1 reads `prompt`, text encoder 2 `prompt2` (nil or
    /// empty: `prompt`). A model without text encoder 1 (the refiner) reads `prompt` with text
    /// encoder 2, as zip(prompts, tokenizers) does in diffusers.
    public func encodePrompt(_ prompt: String, prompt2: String?) throws -> PromptEmbedding {
        let second = prompt2.flatMap { $0.isEmpty ? nil : $0 } ?? prompt
        return try encode(first: prompt, second: second)
    }

    /// The negative conditioning for classifier-free guidance: zeros when `negativePrompt` is nil and
    /// the model forces zeros, otherwise the encoded texts (nil → "", `negativePrompt2` nil or empty →
    /// `negativePrompt`).
    public func encodeNegativePrompt(_ negativePrompt: String?, negativePrompt2: String?,
                                     matching positive: PromptEmbedding) throws -> PromptEmbedding {
        if negativePrompt == nil && forceZerosForEmptyPrompt {
            return positive.zeros()
        }
        let first = negativePrompt ?? ""
        let second = negativePrompt2.flatMap { $0.isEmpty ? nil : $0 } ?? first
        return try encode(first: first, second: second)
    }

    /// Runs the encoders: with both, `first` goes to text encoder 1 and `second` to text encoder 2;
    /// with text encoder 2 alone, it reads `first`.
    private func encode(first: String, second: String) throws -> PromptEmbedding {
        var hiddenStates: [Tensor] = []
        var textForEncoder2 = first
        if let tokenizer, let textEncoder {
            let ids = tokenizer.encode(first).ids
            hiddenStates.append(try textEncoder([ids], pooling: false).hiddenState)   // [1, 77, D1]
            textForEncoder2 = second
        }
        let ids2 = tokenizer2.encode(textForEncoder2).ids
        let output = try textEncoder2([ids2])
        hiddenStates.append(output.hiddenState)                                       // [1, 77, D2]
        guard let pooled = output.textEmbeds else {
            throw GenerationError.incompatibleComponents("text_encoder_2 gave no projected pooled output (text_embeds)")
        }
        return PromptEmbedding(hidden: Kernels.concatLastAxis(hiddenStates), pooled: pooled)  // [1, 77, ΣD], [1, P]
    }
}
