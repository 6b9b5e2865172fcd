// Port of the tokenizer diffusers loads for SDXL: transformers 5.24 `CLIPTokenizer`
// (models/clip/tokenization_clip.py, a `tokenizers` 0.23 pipeline) as
// `StableDiffusionXLPipeline.encode_prompt` (diffusers 0.42) calls it.

import Foundation

/// CLIP's byte-level BPE tokenizer, with the exact ids of the tokenizer diffusers loads for SDXL.
///
/// Text goes through: added tokens cut out of the raw text (`<|endoftext|>`, and `!` for
/// tokenizer_2), NFC + whitespace runs to one space + lower case, normalized added tokens
/// (`<|startoftext|>`), CLIP's split pattern, byte-level BPE with `</w>`; then `<|startoftext|>` +
/// tokens + `<|endoftext|>`, truncated and padded to `maxLength`.
public struct CLIPTokenizer: Sendable {
    /// The sequence length the text encoder takes (`model_max_length`, 77 for SDXL).
    public var maxLength: Int { settings.maxLength }
    /// `<|startoftext|>` (49406), the first id of every sequence.
    public let beginningOfTextID: Int32
    /// `<|endoftext|>` (49407), after the prompt's tokens.
    public let endOfTextID: Int32
    /// The pad token's id: 49407 (`<|endoftext|>`) for SDXL tokenizer/, 0 (`!`) for tokenizer_2/.
    public let paddingID: Int32
    /// Every token matched before BPE, with the id and flags the reference gives it.
    public var addedTokens: [AddedToken] { addedVocabulary.tokens }

    let model: BytePairModel
    let addedVocabulary: AddedVocabulary
    let settings: SequenceSettings
    let cache = WordCache()

    /// Loads a tokenizer folder as published with SDXL (`tokenizer/`, `tokenizer_2/`): `vocab.json` and
    /// `merges.txt`, or `tokenizer.json` (which wins when both exist, as in transformers), plus the
    /// optional `tokenizer_config.json`, `special_tokens_map.json` and `added_tokens.json`.
    public init(folder: URL) throws(CLIPTokenizerError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .folderNotFound(path: folder.path)
        }
        let files = try Self.readVocabularyFiles(in: folder)
        let configuration = try ConfigurationFiles(folder: folder, tokenizerJSONTokens: files.declaredTokens)
        let resolution = try SpecialTokenResolution(named: configuration.named, declared: configuration.declared,
                                                    extras: configuration.extras, vocabulary: files.vocabulary,
                                                    sources: configuration.sources)
        let model = try BytePairModel(vocabulary: files.vocabulary, merges: files.merges, unknownToken: resolution.unknown,
                                      vocabularyFile: files.vocabularyFile, mergesFile: files.mergesFile)
        self.init(model: model, resolution: resolution, settings: configuration.settings)
    }

    init(model: BytePairModel, resolution: SpecialTokenResolution, settings: SequenceSettings) {
        self.model = model
        self.settings = settings
        addedVocabulary = AddedVocabulary(tokens: resolution.addedTokens)
        // Every named token is registered as an added token, so each has an id.
        beginningOfTextID = resolution.id(of: resolution.beginningOfText) ?? 0
        endOfTextID = resolution.id(of: resolution.endOfText) ?? 0
        paddingID = resolution.id(of: resolution.padding) ?? 0
    }

    private static func readVocabularyFiles(in folder: URL) throws(CLIPTokenizerError) -> VocabularyFiles {
        let tokenizerJSON = folder.appendingPathComponent("tokenizer.json")
        if FileManager.default.fileExists(atPath: tokenizerJSON.path) {
            return try VocabularyFiles.readTokenizerJSON(tokenizerJSON)
        }
        let vocabularyURL = folder.appendingPathComponent("vocab.json")
        let mergesURL = folder.appendingPathComponent("merges.txt")
        let missing = [vocabularyURL, mergesURL].filter { !FileManager.default.fileExists(atPath: $0.path) }
        guard missing.isEmpty else {
            throw .missingVocabularyFiles(folder: folder.path, missing: missing.map(\.lastPathComponent))
        }
        return VocabularyFiles(vocabulary: try VocabularyFiles.readVocabulary(vocabularyURL),
                               merges: try VocabularyFiles.readMerges(mergesURL),
                               vocabularyFile: vocabularyURL.path, mergesFile: mergesURL.path)
    }
}
