// Port of `tokenizers` 0.23 `Tokenizer.encode` for CLIP (added tokens, normalizer, pre-tokenizer, BPE,
// RobertaProcessing, truncation and padding) with the arguments diffusers 0.42
// `StableDiffusionXLPipeline.encode_prompt` passes: padding="max_length", truncation=True.

extension CLIPTokenizer {
    /// Encodes a prompt for the text encoder: `maxLength` ids with the pooling position and the
    /// untruncated length.
    public func encode(_ text: String) -> TokenizedPrompt {
        let tokens = tokenIDs(text)
        let room = settings.maxLength - 2
        let kept = tokens.count <= room ? tokens[...]
            : settings.truncationSide == .right ? tokens.prefix(room) : tokens.suffix(room)
        var sequence = [beginningOfTextID]
        sequence.reserveCapacity(settings.maxLength)
        sequence += kept
        sequence.append(endOfTextID)
        let padding = [Int32](repeating: paddingID, count: settings.maxLength - sequence.count)
        let ids = settings.paddingSide == .right ? sequence + padding : padding + sequence
        return TokenizedPrompt(ids: ids, eosIndex: ids.firstIndex(of: endOfTextID) ?? ids.count - 1,
                               tokenCount: tokens.count + 2, isTruncated: tokens.count > room)
    }

    /// The ids of a text's tokens, without `<|startoftext|>`/`<|endoftext|>`, truncation or padding.
    public func tokenIDs(_ text: String) -> [Int32] {
        let raw = Array(text.unicodeScalars)
        var ids = [Int32]()
        ids.reserveCapacity(raw.count / 3 + 4)
        for segment in addedVocabulary.splitRaw(raw) {
            switch segment {
            case .token(let id):
                ids.append(id)
            case .text(let range):
                let normalized = TextNormalizer.normalize(raw[range])
                for piece in addedVocabulary.splitNormalized(normalized) {
                    switch piece {
                    case .token(let id):
                        ids.append(id)
                    case .text(let pieceRange):
                        appendWordTokens(of: Array(normalized[pieceRange]), to: &ids)
                    }
                }
            }
        }
        return ids
    }

    private func appendWordTokens(of text: [Unicode.Scalar], to ids: inout [Int32]) {
        CLIPPreTokenizer.forEachWord(in: text) { word in
            var bytes = [UInt8]()
            bytes.reserveCapacity(word.count * 2)
            for scalar in word { UTF8.encode(scalar) { bytes.append($0) } }
            if let cached = cache.tokens(for: bytes) {
                ids += cached
                return
            }
            var tokens = [Int32]()
            model.appendTokens(ofWord: bytes, to: &tokens)
            cache.store(tokens, for: bytes)
            ids += tokens
        }
    }
}
