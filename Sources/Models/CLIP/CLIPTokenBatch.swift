// Token ids for a CLIP text encoder, checked against its config, and the pooling position of each
// row as transformers 5.24.0 picks it (models/clip/modeling_clip.py, `CLIPTextModel.forward`).

/// A batch of equally long rows of token ids ([B, T], T ≤ max_position_embeddings).
public struct CLIPTokenBatch: Sendable, Equatable {
    public let batch: Int
    public let length: Int
    /// Row-major ids, `batch × length`.
    public let ids: [Int]

    /// Throws `ModelError.invalidConfig` (naming `origin`) when the rows are empty or ragged, longer
    /// than the position table, or hold ids outside the vocabulary: a tokenizer that does not
    /// belong to this text encoder.
    public init<ID: BinaryInteger>(_ rows: [[ID]], config: CLIPTextConfig, origin: String) throws {
        func fail(_ reason: String) -> ModelError { .invalidConfig(path: origin, reason: reason) }
        guard let first = rows.first, !first.isEmpty else {
            throw fail("no token ids to encode; the tokenizer gives at least the start and end tokens")
        }
        let length = first.count
        guard length <= config.maxPositionEmbeddings else {
            throw fail("\(length) tokens per prompt, but 'max_position_embeddings' is \(config.maxPositionEmbeddings); truncate to the tokenizer's model_max_length")
        }
        var ids: [Int] = []
        ids.reserveCapacity(rows.count * length)
        for (index, row) in rows.enumerated() {
            guard row.count == length else {
                throw fail("prompt \(index) has \(row.count) tokens, prompt 0 has \(length); pad every prompt to the same length")
            }
            for id in row {
                guard id >= 0, id < config.vocabSize else {
                    throw fail("token id \(id) is outside the vocabulary of \(config.vocabSize) ('vocab_size'); the tokenizer does not belong to this text encoder")
                }
                ids.append(Int(id))
            }
        }
        batch = rows.count
        self.length = length
        self.ids = ids
    }

    /// The position pooled in each row. With the legacy `eos_token_id` 2 (SDXL's published configs)
    /// it is the first largest id, which is `<|endoftext|>` for CLIP's vocabulary; otherwise the
    /// first position holding `eos_token_id`, or 0 when a row has none (what argmax of all-false gives).
    public func poolingPositions(eosTokenID: Int) -> [Int] {
        (0..<batch).map { row in
            let tokens = ids[(row * length)..<((row + 1) * length)]
            if eosTokenID == 2 {
                var best = tokens.startIndex
                for index in tokens.indices where tokens[index] > tokens[best] { best = index }
                return best - tokens.startIndex
            }
            return (tokens.firstIndex(of: eosTokenID) ?? tokens.startIndex) - tokens.startIndex
        }
    }
}
