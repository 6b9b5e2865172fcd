// The CLIP vocabulary shipped with the program, for single-file checkpoints, which carry no tokenizer.
// Resources/merges.txt is SDXL's tokenizer/merges.txt (written by Tools/make_tokenizer_fixtures.py from
// open_clip's bpe_simple_vocab_16e6.txt.gz); the vocabulary follows from it as open_clip 3.3
// `SimpleTokenizer.__init__` builds it: the 256 byte symbols, their `</w>` forms, each merge joined,
// then `<|startoftext|>` and `<|endoftext|>` — the published vocab.json, 49408 tokens.

import Foundation

enum BundledVocabulary {
    static let mergeCount = 49152 - 256 - 2
    static let vocabularySize = 49408
    private static let resourceName = "merges"
    private static let resourceExtension = "txt"

    /// Built once per process and shared by both text encoders' tokenizers.
    static let model: Result<BytePairModel, CLIPTokenizerError> = Result { () throws(CLIPTokenizerError) in try loadModel() }

    static func loadModel() throws(CLIPTokenizerError) -> BytePairModel {
        let url = try locateResource()
        let merges = try VocabularyFiles.readMerges(url)
        guard merges.count == mergeCount else {
            throw .bundledResourceDamaged(path: url.path, reason: "it has \(merges.count) merges instead of \(mergeCount)")
        }
        var vocabulary = [String: Int32](minimumCapacity: vocabularySize)
        var tokens = ByteLevelAlphabet.vocabularyOrder.map(ByteLevelAlphabet.symbol(for:))
        tokens += tokens.map { $0 + BytePairModel.endOfWordSuffix }
        tokens += merges.map { String($0.left) + String($0.right) }
        tokens += ["<|startoftext|>", "<|endoftext|>"]
        for (id, token) in tokens.enumerated() { vocabulary[token] = Int32(id) }
        guard vocabulary.count == vocabularySize else {
            throw .bundledResourceDamaged(path: url.path, reason: "it yields \(vocabulary.count) distinct tokens instead of \(vocabularySize)")
        }
        return try BytePairModel(vocabulary: vocabulary, merges: merges, unknownToken: "<|endoftext|>",
                                 vocabularyFile: url.path, mergesFile: url.path)
    }

    /// Finds merges.txt in the resource folder SwiftPM places next to the executable
    /// (`<package>_CLIPTokenizer.resources` on Linux, `.bundle` on macOS), or else in the package's
    /// build folders, as the generated `Bundle.module` does, but without stopping the program when
    /// neither exists.
    static func locateResource() throws(CLIPTokenizerError) -> URL {
        var directories = [Bundle.main.bundleURL]
        if let resources = Bundle.main.resourceURL { directories.append(resources) }
        if let executable = Bundle.main.executableURL {
            directories.append(executable.deletingLastPathComponent())
            directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        directories += buildDirectories()
        var searched = [String]()
        for directory in directories where !searched.contains(directory.path) {
            searched.append(directory.path)
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for entry in entries.sorted() where entry.hasSuffix("_CLIPTokenizer.resources") || entry.hasSuffix("_CLIPTokenizer.bundle") {
                let bundleURL = directory.appendingPathComponent(entry)
                if let url = Bundle(url: bundleURL)?.url(forResource: resourceName, withExtension: resourceExtension) {
                    return url
                }
                let flat = bundleURL.appendingPathComponent("\(resourceName).\(resourceExtension)")
                if FileManager.default.fileExists(atPath: flat.path) { return flat }
            }
        }
        throw .bundledResourceNotFound(resource: "\(resourceName).\(resourceExtension)", searched: searched)
    }

    /// `.build/<triple>/{debug,release}` of the package this file was compiled in, for an executable
    /// copied away from its build folder.
    private static func buildDirectories() -> [URL] {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let build = packageRoot.appendingPathComponent(".build")
        guard let triples = try? FileManager.default.contentsOfDirectory(atPath: build.path) else { return [] }
        return triples.sorted().flatMap { triple in
            ["release", "debug"].map { build.appendingPathComponent(triple).appendingPathComponent($0) }
        }
    }
}
