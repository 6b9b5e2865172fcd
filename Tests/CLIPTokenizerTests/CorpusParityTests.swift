import Foundation
import Testing
@testable import CLIPTokenizer

/// Every corpus prompt must give exactly the ids, token count and pooling position of transformers'
/// CLIPTokenizer, for each way of loading the tokenizer.
@Suite struct CorpusParityTests {
    /// Compares a tokenizer with a variant's expected output; returns the prompts that differ.
    static func mismatches(_ tokenizer: CLIPTokenizer, against expected: Corpus.Variant, prompts: [String]) -> [String] {
        var failures = [String]()
        for (index, prompt) in prompts.enumerated() {
            let encoded = tokenizer.encode(prompt)
            let ids = expected.ids[index]
            let count = expected.tokenCounts[index]
            let pool = expected.poolingIndices[index]
            // The reference pools at argmax (SDXL's eos_token_id is 2); eosIndex is the first <|endoftext|>.
            if encoded.ids != ids || encoded.tokenCount != count || encoded.poolingIndex(eosTokenID: 2) != pool
                || encoded.eosIndex != ids.firstIndex(of: expected.eos) || encoded.isTruncated != (count > expected.maxLength) {
                failures.append("\(prompt.debugDescription): got \(encoded.ids) count \(encoded.tokenCount) eos \(encoded.eosIndex), "
                                + "expected \(ids) count \(count) pool \(pool)")
            }
        }
        return failures
    }

    @Test(arguments: ["sdxl-tokenizer", "sdxl-tokenizer_2"])
    func vocabularyAndMergesFolder(variant: String) throws {
        let corpus = try Fixtures.corpus.get()
        #expect(corpus.prompts.count >= 200)
        let folder = try Fixtures.makeFolder(variant: variant)
        defer { Fixtures.remove(folder) }
        let tokenizer = try CLIPTokenizer(folder: folder)
        let failures = Self.mismatches(tokenizer, against: try corpus.variant(variant), prompts: corpus.prompts)
        #expect(failures.isEmpty, "\(failures.count) prompts differ:\n\(failures.prefix(5).joined(separator: "\n"))")
    }

    @Test func tokenizerJSONFolderWithPairMerges() throws {
        let corpus = try Fixtures.corpus.get()
        let folder = try Fixtures.makeFolder(variant: "tokenizer-json", mergesForm: .pairs)
        defer { Fixtures.remove(folder) }
        let tokenizer = try CLIPTokenizer(folder: folder)
        // The script checked that this folder gives tokenizer_2's ids on the whole corpus.
        let failures = Self.mismatches(tokenizer, against: try corpus.variant("sdxl-tokenizer_2"), prompts: corpus.prompts)
        #expect(failures.isEmpty, "\(failures.count) prompts differ:\n\(failures.prefix(5).joined(separator: "\n"))")
    }

    @Test(arguments: [(PadToken.endOfText, "sdxl-tokenizer"), (PadToken.exclamationMark, "sdxl-tokenizer_2")])
    func bundledVocabulary(padToken: PadToken, variant: String) throws {
        let corpus = try Fixtures.corpus.get()
        let tokenizer = try CLIPTokenizer.bundled(padToken: padToken)
        let failures = Self.mismatches(tokenizer, against: try corpus.variant(variant), prompts: corpus.prompts)
        #expect(failures.isEmpty, "\(failures.count) prompts differ:\n\(failures.prefix(5).joined(separator: "\n"))")
    }

    @Test func bundledTokenizersHaveSDXLSpecialTokens() throws {
        let first = try CLIPTokenizer.bundled(padToken: .endOfText)
        let second = try CLIPTokenizer.bundled(padToken: .exclamationMark)
        #expect(first.maxLength == 77 && second.maxLength == 77)
        #expect(first.beginningOfTextID == 49406 && first.endOfTextID == 49407 && first.paddingID == 49407)
        #expect(second.beginningOfTextID == 49406 && second.endOfTextID == 49407 && second.paddingID == 0)
        #expect(first.model.vocabulary.count == 49408)
        // The example of transformers' CLIP documentation.
        #expect(first.tokenIDs("a photo of a cat") == [320, 1125, 539, 320, 2368])
    }

    @Test func encodingTwiceGivesTheSameIdsFromTheWordCache() throws {
        let tokenizer = try CLIPTokenizer.bundled(padToken: .endOfText)
        let prompt = "a café in Zürich, 日本語, 😀 <|endoftext|> again café"
        let first = tokenizer.encode(prompt)
        #expect(tokenizer.encode(prompt) == first)
        let copy = tokenizer
        #expect(copy.encode(prompt) == first)
    }
}
