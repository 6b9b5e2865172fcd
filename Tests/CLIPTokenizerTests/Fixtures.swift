import Foundation
@testable import CLIPTokenizer

/// The golden files written by Tools/make_tokenizer_fixtures.py, and tokenizer folders assembled
/// from them in a temporary directory.
enum Fixtures {
    struct MissingFixture: Error, CustomStringConvertible {
        let name: String
        var description: String { "Fixture \(name) is missing; run Tools/make_tokenizer_fixtures.py" }
    }

    static func url(_ relativePath: String) throws -> URL {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw MissingFixture(name: "Fixtures")
        }
        let url = folder.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingFixture(name: relativePath) }
        return url
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from relativePath: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: Data(contentsOf: url(relativePath)))
    }

    /// corpus.json, read once.
    static let corpus: Result<Corpus, any Error> = Result { try decode(Corpus.self, from: "corpus.json") }

    /// The merges shipped with the module: the published SDXL merges.txt.
    static func bundledMerges() throws -> URL {
        try BundledVocabulary.locateResource()
    }

    /// A temporary tokenizer folder: the variant's configuration files plus vocab.json and merges.txt,
    /// or its tokenizer.json template filled with the vocabulary and the merges in `mergesForm`.
    static func makeFolder(variant: String, mergesForm: MergesForm = .strings) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clip-tokenizer-\(variant)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let configs = try url("configs/\(variant)")
        var hasTokenizerJSON = false
        for name in try FileManager.default.contentsOfDirectory(atPath: configs.path) {
            let source = configs.appendingPathComponent(name)
            if name == "tokenizer.json" {
                hasTokenizerJSON = true
                try fillTemplate(source, mergesForm: mergesForm).write(to: folder.appendingPathComponent(name))
            } else {
                try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(name))
            }
        }
        if !hasTokenizerJSON {
            try FileManager.default.copyItem(at: url("vocab.json"), to: folder.appendingPathComponent("vocab.json"))
            try FileManager.default.copyItem(at: bundledMerges(), to: folder.appendingPathComponent("merges.txt"))
        }
        return folder
    }

    enum MergesForm { case strings, pairs }

    private static func fillTemplate(_ template: URL, mergesForm: MergesForm) throws -> Data {
        guard var root = try JSONSerialization.jsonObject(with: Data(contentsOf: template)) as? [String: Any],
              var model = root["model"] as? [String: Any] else { throw MissingFixture(name: template.path) }
        model["vocab"] = try JSONSerialization.jsonObject(with: Data(contentsOf: url("vocab.json")))
        let lines = try String(contentsOf: bundledMerges(), encoding: .utf8).split(separator: "\n").dropFirst()
        switch mergesForm {
        case .strings: model["merges"] = lines.map(String.init)
        case .pairs: model["merges"] = lines.map { $0.split(separator: " ").map(String.init) }
        }
        root["model"] = model
        return try JSONSerialization.data(withJSONObject: root)
    }

    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// corpus.json: prompts and the reference's ids for each configuration variant.
struct Corpus: Decodable {
    struct Added: Decodable, Equatable {
        let id: Int32
        let content: String
        let normalized: Bool
        let lstrip: Bool
        let rstrip: Bool
        let singleWord: Bool
    }

    struct Variant: Decodable {
        let maxLength: Int
        let bos: Int32
        let eos: Int32
        let pad: Int32
        let added: [Added]
        let ids: [[Int32]]
        let tokenCounts: [Int]
        let poolingIndices: [Int]
    }

    let reference: String
    let prompts: [String]
    let specialPrompts: [String]
    let variants: [String: Variant]
    let fullCorpusVariants: [String]

    func variant(_ name: String) throws -> Variant {
        guard let variant = variants[name] else { throw Fixtures.MissingFixture(name: "corpus.json variant \(name)") }
        return variant
    }

    /// The prompts a variant's expected ids belong to.
    func prompts(of name: String) -> [String] {
        fullCorpusVariants.contains(name) ? prompts : specialPrompts
    }
}
