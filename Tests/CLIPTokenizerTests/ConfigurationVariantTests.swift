import Foundation
import Testing
@testable import CLIPTokenizer

/// Folders with other configuration layouts resolve the same added tokens, ids and settings as
/// transformers, and encode the special-token prompts the same way.
@Suite struct ConfigurationVariantTests {
    static let variants = [
        "sdxl-tokenizer", "sdxl-tokenizer_2", "resaved-tokenizer", "resaved-tokenizer_2", "exotic",
        "added-tokens-json", "tokenizer-json", "tokenizer-json-only",
    ]

    @Test(arguments: variants)
    func resolvedTokensAndIds(variant: String) throws {
        let corpus = try Fixtures.corpus.get()
        let expected = try corpus.variant(variant)
        let folder = try Fixtures.makeFolder(variant: variant, mergesForm: variant == "tokenizer-json" ? .pairs : .strings)
        defer { Fixtures.remove(folder) }
        let tokenizer = try CLIPTokenizer(folder: folder)

        #expect(tokenizer.maxLength == expected.maxLength)
        #expect(tokenizer.beginningOfTextID == expected.bos)
        #expect(tokenizer.endOfTextID == expected.eos)
        #expect(tokenizer.paddingID == expected.pad)
        let added = tokenizer.addedTokens
            .map { Corpus.Added(id: $0.id, content: $0.content, normalized: $0.normalized, lstrip: $0.leftStrip,
                                rstrip: $0.rightStrip, singleWord: $0.singleWord) }
            .sorted { $0.id < $1.id }
        #expect(added == expected.added)

        let prompts = corpus.prompts(of: variant)
        let failures = CorpusParityTests.mismatches(tokenizer, against: expected, prompts: prompts)
        #expect(failures.isEmpty, "\(failures.count) prompts differ:\n\(failures.prefix(5).joined(separator: "\n"))")
    }

    @Test func exclamationMarkIsAnAddedTokenOnlyInTokenizer2() throws {
        let first = try CLIPTokenizer.bundled(padToken: .endOfText)
        let second = try CLIPTokenizer.bundled(padToken: .exclamationMark)
        // `!` as a word is "!</w>" (256) in tokenizer/, but the pad token `!` (0) in tokenizer_2/.
        #expect(first.tokenIDs("hello!") == [3306, 256])
        #expect(second.tokenIDs("hello!") == [3306, 0])
    }

    @Test func leftPaddingAndLeftTruncationFollowTheConfiguration() throws {
        let folder = try Fixtures.makeFolder(variant: "exotic")
        defer { Fixtures.remove(folder) }
        let tokenizer = try CLIPTokenizer(folder: folder)
        let short = tokenizer.encode("a cat")
        #expect(short.ids.count == 24)
        #expect(Array(short.ids.suffix(4)) == [49406, 320, 2368, 49407])
        #expect(short.ids.prefix(20).allSatisfy { $0 == 0 })
        let long = tokenizer.encode((0..<30).map { "w\($0 % 10)" }.joined(separator: " "))
        #expect(long.isTruncated && long.ids.first == 49406 && long.ids.last == 49407)
        // Left truncation keeps the end: "... w8 w9" → the tokens of "w", "9" just before <|endoftext|>.
        #expect(Array(long.ids.suffix(3)) == [342, 280, 49407])
    }
}
