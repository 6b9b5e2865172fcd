import Foundation
import Testing
@testable import CLIPTokenizer

/// Missing and malformed files give a `CLIPTokenizerError` that names the file and says what to do.
@Suite struct ErrorTests {
    /// A folder with the SDXL tokenizer/ files, then `change` applied to it.
    static func brokenFolder(_ change: (URL) throws -> Void) throws -> URL {
        let folder = try Fixtures.makeFolder(variant: "sdxl-tokenizer")
        try change(folder)
        return folder
    }

    static func write(_ text: String, to name: String, in folder: URL) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    static func loadingError(_ folder: URL) -> CLIPTokenizerError? {
        do {
            _ = try CLIPTokenizer(folder: folder)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingFolder() {
        let folder = URL(fileURLWithPath: "/nonexistent/tokenizer_2")
        let error = Self.loadingError(folder)
        #expect(error == .folderNotFound(path: folder.path))
        #expect(error?.description.contains("/nonexistent/tokenizer_2") == true)
    }

    @Test func missingMergesFile() throws {
        let folder = try Self.brokenFolder { try FileManager.default.removeItem(at: $0.appendingPathComponent("merges.txt")) }
        defer { Fixtures.remove(folder) }
        let error = Self.loadingError(folder)
        #expect(error == .missingVocabularyFiles(folder: folder.path, missing: ["merges.txt"]))
        #expect(error?.description.contains("lacks merges.txt") == true)
        #expect(error?.description.contains("tokenizer.json") == true)
    }

    @Test func emptyFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clip-tokenizer-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { Fixtures.remove(folder) }
        #expect(Self.loadingError(folder) == .missingVocabularyFiles(folder: folder.path, missing: ["vocab.json", "merges.txt"]))
    }

    @Test func vocabularyIsNotJSON() throws {
        let folder = try Self.brokenFolder { try Self.write("{\"a\": 1,", to: "vocab.json", in: $0) }
        defer { Fixtures.remove(folder) }
        let error = try #require(Self.loadingError(folder))
        guard case .malformedJSON(let path, nil, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(path.hasSuffix("vocab.json"))
        #expect(error.description.contains("vocab.json") && error.description.contains("Replace it"))
    }

    @Test func vocabularyIdIsNotAnInteger() throws {
        let folder = try Self.brokenFolder { try Self.write("{\"a\": \"one\"}", to: "vocab.json", in: $0) }
        defer { Fixtures.remove(folder) }
        let error = try #require(Self.loadingError(folder))
        guard case .malformedJSON(_, "a", _) = error else { Issue.record("unexpected \(error)"); return }
    }

    @Test func blankLineInMerges() throws {
        let folder = try Self.brokenFolder { try Self.write("#version: 0.2\ni n\n\nt h\n", to: "merges.txt", in: $0) }
        defer { Fixtures.remove(folder) }
        let error = Self.loadingError(folder)
        #expect(error == .malformedMerge(path: folder.appendingPathComponent("merges.txt").path, line: 3, text: ""))
        #expect(error?.description.contains("merges.txt line 3") == true)
    }

    @Test func mergeOfUnknownSymbols() throws {
        let folder = try Self.brokenFolder { try Self.write("#version: 0.2\ni n\n\u{2603} x\n", to: "merges.txt", in: $0) }
        defer { Fixtures.remove(folder) }
        let error = Self.loadingError(folder)
        #expect(error == .mergeTokenNotInVocabulary(path: folder.appendingPathComponent("merges.txt").path, line: 3, token: "\u{2603}",
                                                    vocabularyFile: folder.appendingPathComponent("vocab.json").path))
        #expect(error?.description.contains("same model folder") == true)
    }

    @Test func vocabularyWithoutByteSymbolsOrUnknownToken() throws {
        let folder = try Self.brokenFolder {
            try Self.write("{\"a\": 0, \"b\": 1, \"ab\": 2, \"<|startoftext|>\": 3}", to: "vocab.json", in: $0)
            try Self.write("#version: 0.2\na b\n", to: "merges.txt", in: $0)
        }
        defer { Fixtures.remove(folder) }
        let error = try #require(Self.loadingError(folder))
        guard case .incompleteByteAlphabet(let path, _, "<|endoftext|>") = error else { Issue.record("unexpected \(error)"); return }
        #expect(path.hasSuffix("vocab.json"))
    }

    @Test func nullPadToken() throws {
        let folder = try Self.brokenFolder {
            try Self.write("{\"pad_token\": null, \"model_max_length\": 77}", to: "tokenizer_config.json", in: $0)
            // special_tokens_map.json would set it again, as it does in transformers.
            try FileManager.default.removeItem(at: $0.appendingPathComponent("special_tokens_map.json"))
        }
        defer { Fixtures.remove(folder) }
        let error = Self.loadingError(folder)
        #expect(error == .missingSpecialToken(path: folder.appendingPathComponent("tokenizer_config.json").path, key: "pad_token"))
        #expect(error?.description.contains("\"pad_token\" to null") == true)
    }

    @Test(arguments: [("{\"padding_side\": \"middle\"}", "padding_side"), ("{\"model_max_length\": 1}", "model_max_length"),
                      ("{\"truncation_side\": 3}", "truncation_side"), ("{\"model_max_length\": \"77\"}", "model_max_length")])
    func invalidSetting(config: String, key: String) throws {
        let folder = try Self.brokenFolder { try Self.write(config, to: "tokenizer_config.json", in: $0) }
        defer { Fixtures.remove(folder) }
        let error = try #require(Self.loadingError(folder))
        guard case .invalidSetting(let path, key, _, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(path.hasSuffix("tokenizer_config.json"))
        #expect(error.description.contains("Fix or remove the key"))
    }

    @Test func tokenizerJSONOfAnotherModel() throws {
        let folder = try Self.brokenFolder {
            try Self.write("{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}", to: "tokenizer.json", in: $0)
        }
        defer { Fixtures.remove(folder) }
        let error = Self.loadingError(folder)
        #expect(error == .unsupportedModel(path: folder.appendingPathComponent("tokenizer.json").path, type: "Unigram"))
        #expect(error?.description.contains("byte-level BPE") == true)
    }

    @Test func tokenizerJSONWithoutModel() throws {
        let folder = try Self.brokenFolder { try Self.write("{\"added_tokens\": []}", to: "tokenizer.json", in: $0) }
        defer { Fixtures.remove(folder) }
        let error = try #require(Self.loadingError(folder))
        guard case .malformedJSON(let path, "model", _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(path.hasSuffix("tokenizer.json"))
    }

    @Test func tokenizerJSONWithMalformedMerge() throws {
        let folder = try Self.brokenFolder {
            try Self.write("{\"model\": {\"vocab\": {\"a\": 0}, \"merges\": [\"a b c\"]}}", to: "tokenizer.json", in: $0)
        }
        defer { Fixtures.remove(folder) }
        let error = try #require(Self.loadingError(folder))
        guard case .malformedMerge(let path, 1, "a b c") = error else { Issue.record("unexpected \(error)"); return }
        #expect(path.contains("tokenizer.json model.merges"))
    }
}
