// Reading the vocabulary and merges as `tokenizers` 0.23 `BPE.read_file` (vocab.json, merges.txt) and
// transformers 5.24 `TokenizersBackend.convert_to_native_format` (tokenizer.json `model`) do.

import Foundation

/// A vocabulary with its merge list, and where they came from.
struct VocabularyFiles {
    typealias Merge = (left: Substring, right: Substring, line: Int)

    var vocabulary: [String: Int32]
    var merges: [Merge]
    var vocabularyFile: String
    var mergesFile: String
    /// `added_tokens` of tokenizer.json, used when tokenizer_config.json has no `added_tokens_decoder`.
    var declaredTokens: [Int: SpecialTokenResolution.TokenSpec] = [:]

    /// vocab.json: an object of token → id.
    static func readVocabulary(_ url: URL) throws(CLIPTokenizerError) -> [String: Int32] {
        let file = try JSONFile.load(url)
        return try vocabulary(from: try file.object(), path: file.path, key: nil)
    }

    /// merges.txt: one "left right" pair per line; lines starting with "#version" are skipped.
    static func readMerges(_ url: URL) throws(CLIPTokenizerError) -> [Merge] {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        return try merges(fromText: String(decoding: data, as: UTF8.self), path: url.path)
    }

    static func merges(fromText text: String, path: String) throws(CLIPTokenizerError) -> [Merge] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if text.utf8.last == UInt8(ascii: "\n") { lines.removeLast() }
        var merges = [Merge]()
        merges.reserveCapacity(lines.count)
        for (index, bytes) in lines.enumerated() {
            var line = Substring(bytes)
            if line.utf8.last == UInt8(ascii: "\r") { line = Substring(line.utf8.dropLast()) }
            if line.hasPrefix("#version") { continue }
            merges.append(try merge(from: line, path: path, line: index + 1))
        }
        return merges
    }

    /// tokenizer.json: `model.vocab`, `model.merges` (as "a b" strings or ["a", "b"] pairs) and `added_tokens`.
    static func readTokenizerJSON(_ url: URL) throws(CLIPTokenizerError) -> VocabularyFiles {
        let file = try JSONFile.load(url)
        let root = try file.object()
        guard let model = root["model"] as? [String: Any] else {
            throw .malformedJSON(path: file.path, key: "model", reason: "missing or not an object")
        }
        if let type = model["type"] as? String, type != "BPE" {
            throw .unsupportedModel(path: file.path, type: type)
        }
        guard let vocabularyValue = model["vocab"] else {
            throw .malformedJSON(path: file.path, key: "model.vocab", reason: "missing")
        }
        let vocabulary: [String: Int32]
        if let object = vocabularyValue as? [String: Any] {
            vocabulary = try Self.vocabulary(from: object, path: file.path, key: "model.vocab")
        } else if let list = vocabularyValue as? [Any] {
            vocabulary = try Self.vocabulary(fromList: list, path: file.path)
        } else {
            throw .malformedJSON(path: file.path, key: "model.vocab", reason: "neither an object nor a list")
        }
        guard let mergeList = model["merges"] as? [Any] else {
            throw .malformedJSON(path: file.path, key: "model.merges", reason: "missing or not a list")
        }
        var merges = [Merge]()
        merges.reserveCapacity(mergeList.count)
        for (index, entry) in mergeList.enumerated() {
            if let text = entry as? String {
                merges.append(try merge(from: Substring(text), path: file.path + " model.merges", line: index + 1))
            } else if let pair = entry as? [Any], pair.count == 2, let left = pair[0] as? String, let right = pair[1] as? String {
                merges.append((Substring(left), Substring(right), index + 1))
            } else {
                throw .malformedMerge(path: file.path + " model.merges", line: index + 1, text: "\(entry)")
            }
        }
        var files = VocabularyFiles(vocabulary: vocabulary, merges: merges, vocabularyFile: file.path + " model.vocab",
                                    mergesFile: file.path + " model.merges")
        if let added = root["added_tokens"] as? [Any] {
            for entry in added {
                guard let object = entry as? [String: Any], let id = object["id"].flatMap(JSONFile.integer) else {
                    throw .malformedJSON(path: file.path, key: "added_tokens", reason: "an entry lacks an integer \"id\"")
                }
                files.declaredTokens[id] = try ConfigurationFiles.tokenSpec(object, specialByDefault: false,
                                                                            path: file.path, key: "added_tokens")
            }
        }
        return files
    }

    private static func merge(from line: Substring, path: String, line number: Int) throws(CLIPTokenizerError) -> Merge {
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .malformedMerge(path: path, line: number, text: String(line)) }
        return (parts[0], parts[1], number)
    }

    private static func vocabulary(from object: [String: Any], path: String, key: String?) throws(CLIPTokenizerError) -> [String: Int32] {
        var vocabulary = [String: Int32](minimumCapacity: object.count)
        for (token, value) in object {
            guard let id = JSONFile.integer(value), id >= 0, id < Int(Int32.max) else {
                throw .malformedJSON(path: path, key: key.map { "\($0).\(token)" } ?? token, reason: "the id is not a non-negative integer")
            }
            vocabulary[token] = Int32(id)
        }
        return vocabulary
    }

    /// A list vocabulary: tokens (or [token, score] pairs) numbered by position.
    private static func vocabulary(fromList list: [Any], path: String) throws(CLIPTokenizerError) -> [String: Int32] {
        var vocabulary = [String: Int32](minimumCapacity: list.count)
        for (index, entry) in list.enumerated() {
            if let token = entry as? String {
                vocabulary[token] = Int32(index)
            } else if let pair = entry as? [Any], let token = pair.first as? String {
                vocabulary[token] = Int32(index)
            } else {
                throw .malformedJSON(path: path, key: "model.vocab[\(index)]", reason: "not a token string")
            }
        }
        return vocabulary
    }
}
