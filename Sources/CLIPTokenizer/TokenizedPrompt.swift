/// A prompt encoded for a CLIP text encoder, as `StableDiffusionXLPipeline.encode_prompt` gets it
/// from `tokenizer(prompt, padding="max_length", max_length=77, truncation=True)`.
public struct TokenizedPrompt: Sendable, Equatable {
    /// `maxLength` ids: `<|startoftext|>`, the prompt's tokens (truncated), `<|endoftext|>`, then padding.
    public let ids: [Int32]
    /// The first position holding the `<|endoftext|>` id.
    ///
    /// This is where the text encoders pool. transformers `CLIPTextTransformer` pools at
    /// `input_ids.argmax()` when the text encoder's config has `eos_token_id == 2` (both SDXL text
    /// encoders' configs do) and at the first `eos_token_id` otherwise; with the CLIP vocabulary
    /// `<|endoftext|>` (49407) is the largest id, so both rules pick this position, including when
    /// the prompt itself contains `<|endoftext|>`. `poolingIndex(eosTokenID:)` applies the rule for
    /// any vocabulary.
    public let eosIndex: Int
    /// The length before truncation and padding, `<|startoftext|>` and `<|endoftext|>` included:
    /// the `n` of the UI's `n/77` counter.
    public let tokenCount: Int
    /// The prompt did not fit, so tokens were dropped.
    public let isTruncated: Bool

    /// The position transformers `CLIPTextTransformer.forward` pools at, given the text encoder
    /// config's `eos_token_id`: the first largest id for the legacy value 2, else the first
    /// occurrence of `eosTokenID` (or 0 when absent, as `argmax` of all-false gives).
    public func poolingIndex(eosTokenID: Int) -> Int {
        if eosTokenID == 2 {
            guard let largest = ids.max() else { return 0 }
            return ids.firstIndex(of: largest) ?? 0
        }
        return ids.firstIndex { Int($0) == eosTokenID } ?? 0
    }
}
