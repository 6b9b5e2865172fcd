// transformers 5.24.0, models/clip/modeling_clip.py, `CLIPTextModelWithProjection`: SDXL's
// second text encoder (OpenCLIP ViT-bigG/14, `text_encoder_2/`), whose projected pooled output
// (`text_embeds`) conditions the UNet next to the penultimate hidden state.
import Tensors

public struct CLIPTextModelWithProjection: Sendable {
    public let textModel: CLIPTextTransformer
    /// Checkpoint name `text_projection.weight` [P, D], no bias.
    public let textProjection: Linear

    public var config: CLIPTextConfig { textModel.config }

    /// Validates `config` (which must give `projection_dim`) and loads the weights.
    public init(config: CLIPTextConfig, weights: any WeightSource) throws {
        let projectionWidth = try config.requiredProjectionDim(path: weights.origin)
        textModel = try CLIPTextTransformer(config: config, weights: weights)
        textProjection = try Linear(WeightLoader(weights, prefix: "text_projection.", recordingInto: textModel.mappedWeights),
                                    inputs: config.hiddenSize, outputs: projectionWidth, bias: false)
    }

    /// Encodes [B, T] token ids; `clipSkip` as in `CLIPTextModel`. Always pools.
    public func callAsFunction<ID: BinaryInteger>(_ tokenIDs: [[ID]], clipSkip: Int = 0) throws -> CLIPTextEncoderOutput {
        let tokens = try textModel.tokenBatch(tokenIDs)
        let index = try textModel.hiddenStateIndex(clipSkip: clipSkip)
        let (hiddenState, pooled) = textModel.encode(tokens, hiddenStateIndex: index, pooling: true)
        let textEmbeds = pooled.map { textProjection($0) }  // [B, P]
        return CLIPTextEncoderOutput(hiddenState: hiddenState, pooled: pooled, textEmbeds: textEmbeds)
    }
}
