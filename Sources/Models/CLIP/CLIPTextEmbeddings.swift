// transformers 5.24.0, models/clip/modeling_clip.py, `CLIPTextEmbeddings`: token embedding plus
// the learned position embedding of positions 0..<T (the default `position_ids`).
import Tensors

/// Checkpoint names: `embeddings.token_embedding.weight`, `embeddings.position_embedding.weight`.
/// The int64 `embeddings.position_ids` buffer some files carry is never read.
public struct CLIPTextEmbeddings: Sendable {
    /// Kept as stored with half residency: only the rows a prompt uses are widened.
    public let tokenEmbedding: StoredWeight   // [V, D]
    public let positionEmbedding: Tensor  // [P, D]

    public init(_ weights: WeightLoader, config: CLIPTextConfig) throws {
        tokenEmbedding = try weights("token_embedding").weight(
            "weight", shape: [config.vocabSize, config.hiddenSize])
        positionEmbedding = try weights("position_embedding").tensor(
            "weight", shape: [config.maxPositionEmbeddings, config.hiddenSize])
    }

    /// Token ids (checked against the tables by `CLIPTokenBatch`) → [B, T, D].
    public func callAsFunction(_ tokens: CLIPTokenBatch) -> Tensor {
        let width = tokenEmbedding.shape[1]
        let embedded = tokenEmbedding.gatherRows(tokens.ids)                     // [B·T, D]
        let out = embedded.storage.pointer, positions = positionEmbedding.storage.pointer
        for row in 0..<tokens.batch {
            for position in 0..<tokens.length {
                let to = out + (row * tokens.length + position) * width
                let from = positions + position * width
                for channel in 0..<width { to[channel] += from[channel] }
            }
        }
        return embedded.reshaped([tokens.batch, tokens.length, width])           // [B, T, D]
    }
}
