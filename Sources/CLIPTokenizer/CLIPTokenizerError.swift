import Foundation

/// Why a tokenizer could not be loaded. Each message names the file (and key or line) and says
/// what to do about it.
public enum CLIPTokenizerError: Error, Equatable, Sendable, LocalizedError, CustomStringConvertible {
    /// The tokenizer folder does not exist or is not a folder.
    case folderNotFound(path: String)
    /// The folder has neither `tokenizer.json` nor both `vocab.json` and `merges.txt`.
    case missingVocabularyFiles(folder: String, missing: [String])
    /// A file exists but could not be read.
    case unreadableFile(path: String, reason: String)
    /// A file is not valid JSON, or not in the layout the key expects.
    case malformedJSON(path: String, key: String?, reason: String)
    /// A line of `merges.txt` (or an entry of `model.merges`) is not two symbols separated by a space.
    case malformedMerge(path: String, line: Int, text: String)
    /// A merge names a symbol, or produces one, that the vocabulary does not contain.
    case mergeTokenNotInVocabulary(path: String, line: Int, token: String, vocabularyFile: String)
    /// The vocabulary lacks a byte symbol and has no unknown token to stand in for it.
    case incompleteByteAlphabet(path: String, symbol: String, unknownToken: String)
    /// `tokenizer.json` describes a model other than BPE.
    case unsupportedModel(path: String, type: String)
    /// A special token the SDXL pipeline needs is set to null or to an empty string.
    case missingSpecialToken(path: String, key: String)
    /// A setting has a value this tokenizer cannot use.
    case invalidSetting(path: String, key: String, value: String, expected: String)
    /// The CLIP merges shipped with the program were not found next to the executable.
    case bundledResourceNotFound(resource: String, searched: [String])
    /// The CLIP merges shipped with the program are not the expected 48894 merges.
    case bundledResourceDamaged(path: String, reason: String)

    public var description: String {
        switch self {
        case .folderNotFound(let path):
            return "Tokenizer folder \(path) does not exist. Point at a model's tokenizer/ or tokenizer_2/ folder "
                + "(diffusers layout), or use the bundled CLIP vocabulary."
        case .missingVocabularyFiles(let folder, let missing):
            return "Tokenizer folder \(folder) lacks \(missing.joined(separator: " and ")). A CLIP tokenizer folder needs "
                + "vocab.json and merges.txt, or tokenizer.json; download the model's tokenizer/ folder again."
        case .unreadableFile(let path, let reason):
            return "Cannot read \(path): \(reason). Check that the file exists and is readable."
        case .malformedJSON(let path, let key, let reason):
            let place = key.map { " at key \"\($0)\"" } ?? ""
            return "\(path) is not a valid tokenizer file\(place): \(reason). Replace it with the file from the model's repository."
        case .malformedMerge(let path, let line, let text):
            return "\(path) line \(line) is \"\(text)\", expected two symbols separated by one space (e.g. \"t h\"). "
                + "Replace the file with the model's merges.txt."
        case .mergeTokenNotInVocabulary(let path, let line, let token, let vocabularyFile):
            return "\(path) line \(line) uses \"\(token)\", which \(vocabularyFile) does not contain: the merges and the "
                + "vocabulary belong to different tokenizers. Take both files from the same model folder."
        case .incompleteByteAlphabet(let path, let symbol, let unknownToken):
            return "\(path) lacks the byte symbol \"\(symbol)\" and the unknown token \"\(unknownToken)\", so some text could "
                + "not be encoded. Use a byte-level CLIP vocabulary (49408 tokens) from the model's repository."
        case .unsupportedModel(let path, let type):
            return "\(path) describes a \(type) model, but CLIP uses byte-level BPE. Point at the CLIP tokenizer folder instead."
        case .missingSpecialToken(let path, let key):
            return "\(path) sets \"\(key)\" to null or \"\", but SDXL needs it. Set it to \"<|endoftext|>\" (tokenizer/) "
                + "or \"!\" (tokenizer_2/, pad_token only), as the published SDXL files do."
        case .invalidSetting(let path, let key, let value, let expected):
            return "\(path) sets \"\(key)\" to \(value); expected \(expected). Fix or remove the key."
        case .bundledResourceNotFound(let resource, let searched):
            return "The CLIP vocabulary shipped with the program (\(resource)) was not found; looked in "
                + "\(searched.joined(separator: ", ")). Keep the *_CLIPTokenizer.resources folder next to the executable, "
                + "or use a model folder that has its own tokenizer/ and tokenizer_2/."
        case .bundledResourceDamaged(let path, let reason):
            return "The CLIP vocabulary shipped with the program (\(path)) is damaged: \(reason). Reinstall the program, "
                + "or use a model folder that has its own tokenizer/ and tokenizer_2/."
        }
    }

    public var errorDescription: String? { description }
}
