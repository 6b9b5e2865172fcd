// Hostile prompts through the bundled CLIP tokenizers (as both SDXL text encoders are configured):
// every result is exactly 77 ids inside the vocabulary, in bounded time, whatever the text.
import CLIPTokenizer
import Foundation
import Testing

struct HostilePrompt: Sendable, CustomTestStringConvertible {
    let label: String
    let text: @Sendable () -> String
    var testDescription: String { label }

    /// Letters from a fixed linear congruential sequence: a long word with few repeated pairs.
    static func pseudoRandomWord(_ count: Int) -> String {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            scalars.append(Unicode.Scalar(UInt8(ascii: "a") + UInt8((state >> 33) % 26)))
        }
        return String(scalars)
    }

    static let all: [HostilePrompt] = [
        .init(label: "empty", text: { "" }),
        .init(label: "200 KB of short words", text: { String(repeating: "a cat ", count: 35_000) }),
        .init(label: "special tokens spelled out 10 000 times", text: { String(repeating: "<|endoftext|><|startoftext|>", count: 10_000) }),
        .init(label: "escape sequences and controls", text: { "\u{1B}[2J\u{1B}]0;x\u{7}\u{0}\u{8}\u{7F}\u{9B}" }),
        .init(label: "10 000 combining marks on one letter", text: { "e" + String(repeating: "\u{301}", count: 10_000) }),
        .init(label: "20 000 emoji ZWJ sequences", text: { String(repeating: "👩‍👩‍👧‍👦", count: 20_000) }),
        .init(label: "unpaired surrogates decoded as U+FFFD",
              text: { String(decoding: [0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80] as [UInt8], as: UTF8.self) }),
        .init(label: "a 2 000-letter word", text: { pseudoRandomWord(2_000) }),
        .init(label: "100 000 digits", text: { String(repeating: "0123456789", count: 10_000) }),
        .init(label: "bidi overrides and invisible characters", text: { String(repeating: "\u{202E}\u{2066}\u{200B}\u{FEFF}x", count: 10_000) }),
    ]
}

@Suite struct HostilePromptTests {
    @Test(arguments: HostilePrompt.all)
    func encodesToSeventySevenValidIDs(_ hostile: HostilePrompt) throws {
        let text = hostile.text()
        for pad in PadToken.allCases {
            let tokenizer = try CLIPTokenizer.bundled(padToken: pad)
            let started = Date()
            let encoded = tokenizer.encode(text)
            let seconds = Date().timeIntervalSince(started)
            #expect(seconds < 10, "\(hostile.label): encoding took \(seconds) s")
            #expect(encoded.ids.count == 77)
            #expect(encoded.ids.allSatisfy { $0 >= 0 && $0 < 49408 })
            #expect(encoded.ids.first == tokenizer.beginningOfTextID)
            #expect(encoded.ids[encoded.eosIndex] == tokenizer.endOfTextID)
        }
    }

    /// The prompt editor's token counter encodes on every key, so one pasted word of 10 000
    /// letters must encode in milliseconds, not minutes (BytePairModel merges through a priority queue).
    @Test func aLongWordEncodesInBoundedTime() throws {
        let word = HostilePrompt.pseudoRandomWord(10_000)
        let tokenizer = try CLIPTokenizer.bundled(padToken: .endOfText)
        let started = Date()
        let encoded = tokenizer.encode(word)
        let seconds = Date().timeIntervalSince(started)
        #expect(encoded.ids.count == 77 && encoded.isTruncated)
        #expect(seconds < 5, "a 10 000-letter word took \(seconds) s to encode")
    }
}
