// The published configuration of SDXL's tokenizer/ and tokenizer_2/ applied to the bundled vocabulary
// (see BundledVocabulary.swift), resolved as transformers 5.24 resolves those files.

extension CLIPTokenizer {
    /// The CLIP vocabulary shipped with the program, configured as SDXL's `tokenizer/`
    /// (`.endOfText`) or `tokenizer_2/` (`.exclamationMark`) is published, for checkpoints that
    /// carry no tokenizer files. The vocabulary is read once per process.
    public static func bundled(padToken: PadToken) throws(CLIPTokenizerError) -> CLIPTokenizer {
        let model = try BundledVocabulary.model.get()
        // The published tokenizer_config.json / special_tokens_map.json: bos, eos and unk are
        // AddedToken objects with normalized=true, pad_token is a bare string. transformers lets the
        // bare pad string decide `<|endoftext|>`'s flags in tokenizer/ (so it is matched in the raw
        // text only), while in tokenizer_2/ `<|endoftext|>` stays normalized and `!` is raw.
        let endOfText = SpecialTokenResolution.NamedValue.token(.init(content: "<|endoftext|>", normalized: true))
        let named: [String: SpecialTokenResolution.NamedValue?] = [
            "bos_token": .token(.init(content: "<|startoftext|>", normalized: true)),
            "eos_token": endOfText, "unk_token": endOfText, "pad_token": .plain(padToken.rawValue),
        ]
        let resolution = try SpecialTokenResolution(named: named, declared: [:], extras: [], vocabulary: model.vocabulary,
                                                    sources: [:])
        return CLIPTokenizer(model: model, resolution: resolution, settings: SequenceSettings())
    }
}
