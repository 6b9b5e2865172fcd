// The prompt part of one stage's UNet conditioning, before it is batched with the time ids:
// what StableDiffusionXLPipeline.encode_prompt (diffusers 0.42) returns for one model. It depends
// only on the model and the prompt texts (and whether guidance wants the negative branch), so a
// caller may compute it once and reuse it while other settings change.

/// Positive and (under classifier-free guidance) negative prompt embeddings for one model.
public struct TextConditioning: Sendable {
    public let positive: PromptEmbedding
    /// nil when the generation runs without classifier-free guidance.
    public let negative: PromptEmbedding?

    public init(positive: PromptEmbedding, negative: PromptEmbedding?) {
        self.positive = positive
        self.negative = negative
    }
}

/// The texts that decide a stage's `TextConditioning`, as a key for caches.
public struct TextConditioningKey: Hashable, Sendable {
    public var prompt: String
    public var prompt2: String?
    public var negativePrompt: String?
    public var negativePrompt2: String?
    /// Whether the negative branch is needed (guidance scale > 1).
    public var guided: Bool

    public init(_ parameters: GenerationParameters) {
        prompt = parameters.prompt
        prompt2 = parameters.prompt2
        negativePrompt = parameters.negativePrompt
        negativePrompt2 = parameters.negativePrompt2
        guided = parameters.usesClassifierFreeGuidance
    }
}

/// Where `SDXLPipeline.run` gets the text conditioning of a stage: called with the stage, its
/// model and the generation's parameters. The default encodes with the model's own encoders.
public typealias TextConditioningSource =
    (_ stage: GenerationStage, _ model: SDXLModel, _ parameters: GenerationParameters) throws -> TextConditioning

extension SDXLModel {
    /// Encodes the prompts of `parameters` with this model's text encoders: the negative branch
    /// only when classifier-free guidance is on (guidance scale > 1).
    public func textConditioning(for parameters: GenerationParameters) throws -> TextConditioning {
        let positive = try encodePrompt(parameters.prompt, prompt2: parameters.prompt2)
        let negative = parameters.usesClassifierFreeGuidance
            ? try encodeNegativePrompt(parameters.negativePrompt, negativePrompt2: parameters.negativePrompt2,
                                       matching: positive)
            : nil
        return TextConditioning(positive: positive, negative: negative)
    }
}

extension UNetConditioning {
    /// Batches encoded prompts with `timeIds`.
    public init(_ text: TextConditioning, timeIds: (positive: [Float], negative: [Float])) {
        self.init(positive: text.positive, negative: text.negative, timeIds: timeIds)
    }
}
