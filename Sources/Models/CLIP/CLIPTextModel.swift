// transformers 5.24.0, models/clip/modeling_clip.py, `CLIPTextModel`: SDXL's first text
// encoder (CLIP ViT-L/14, `text_encoder/`), of which SDXL uses the penultimate hidden state.
import Tensors

public struct CLIPTextModel: Sendable {
    public let textModel: CLIPTextTransformer

    public var config: CLIPTextConfig { textModel.config }

    /// Validates `config` and loads the weights (`text_model.…` or unprefixed names).
    public init(config: CLIPTextConfig, weights: any WeightSource) throws {
        textModel = try CLIPTextTransformer(config: config, weights: weights)
    }

    /// Encodes [B, T] token ids.
    /// - Parameters:
    ///   - clipSkip: diffusers' `clip_skip`; 0 gives `hidden_states[-2]`, SDXL's choice.
    ///   - pooling: whether to run the last layer(s) for `pooler_output`. SDXL ignores this
    ///     encoder's pooled output, so its pipeline passes false and the work stops at layer L − 1.
    public func callAsFunction<ID: BinaryInteger>(_ tokenIDs: [[ID]], clipSkip: Int = 0,
                                                  pooling: Bool = true) throws -> CLIPTextEncoderOutput {
        let tokens = try textModel.tokenBatch(tokenIDs)
        let index = try textModel.hiddenStateIndex(clipSkip: clipSkip)
        let (hiddenState, pooled) = textModel.encode(tokens, hiddenStateIndex: index, pooling: pooling)
        return CLIPTextEncoderOutput(hiddenState: hiddenState, pooled: pooled, textEmbeds: nil)
    }
}
