// Everything the UNet receives at each step besides the latents and the timestep, batched the way
// diffusers 0.42 batches it for classifier-free guidance: torch.cat([negative, positive]) for the
// prompt embeddings, the pooled embeddings and the time ids (pipeline_stable_diffusion_xl.py §7,
// pipeline_stable_diffusion_xl_img2img.py §8).
import Models
import Tensors

public struct UNetConditioning: Sendable {
    /// `prompt_embeds`: [B, 77, D]; B = 2 (negative, positive) under guidance, else 1.
    public let promptEmbeds: Tensor
    /// `add_text_embeds`: [B, P].
    public let textEmbeds: Tensor
    /// `add_time_ids`: [B, N], N = 6 (base) or 5 (aesthetic-score models).
    public let timeIds: Tensor

    /// Whether the batch holds the negative branch first.
    public var isGuided: Bool { promptEmbeds.shape[0] == 2 }

    /// Batches the branches: with `negative` the order is (negative, positive), as diffusers concatenates.
    public init(positive: PromptEmbedding, negative: PromptEmbedding?,
                timeIds: (positive: [Float], negative: [Float])) {
        if let negative {
            promptEmbeds = Kernels.concatBatch([negative.hidden, positive.hidden])          // [2, 77, D]
            textEmbeds = Kernels.concatBatch([negative.pooled, positive.pooled])            // [2, P]
            self.timeIds = Tensor(shape: [2, timeIds.positive.count],
                                  scalars: timeIds.negative + timeIds.positive)             // [2, N]
        } else {
            promptEmbeds = positive.hidden                                                  // [1, 77, D]
            textEmbeds = positive.pooled                                                    // [1, P]
            self.timeIds = Tensor(shape: [1, timeIds.positive.count], scalars: timeIds.positive)  // [1, N]
        }
    }
}

extension SDXLModel {
    /// Encodes the prompts of `parameters` and batches them with `timeIds` for this model:
    /// the negative branch only when classifier-free guidance is on (guidance scale > 1).
    public func unetConditioning(for parameters: GenerationParameters,
                                 timeIds: (positive: [Float], negative: [Float])) throws -> UNetConditioning {
        let positive = try encodePrompt(parameters.prompt, prompt2: parameters.prompt2)
        let negative = parameters.usesClassifierFreeGuidance
            ? try encodeNegativePrompt(parameters.negativePrompt, negativePrompt2: parameters.negativePrompt2,
                                       matching: positive)
            : nil
        return UNetConditioning(positive: positive, negative: negative, timeIds: timeIds)
    }
}
