import Foundation
import Testing
@testable import CLIPTokenizer

/// Encoding a full-length prompt takes well under a millisecond; loading a vocabulary well under a
/// second in release builds (debug builds get a looser bound).
@Suite(.serialized) struct PerformanceTests {
    /// 74 tokens with <|startoftext|> and <|endoftext|>.
    static let prompt = "a beautiful painting of a landscape with mountains, rivers, trees, and a dramatic sky, highly "
        + "detailed, trending on artstation, by greg rutkowski and alphonse mucha, golden hour lighting, volumetric "
        + "fog, 8k resolution, masterpiece, award winning, sharp focus, intricate details, vibrant colors, cinematic "
        + "composition, octane render, photorealistic, soft shadows"

    #if DEBUG
    static let loadBound = Duration.seconds(5)
    static let encodeBound = Duration.milliseconds(5)
    #else
    static let loadBound = Duration.seconds(1)
    static let encodeBound = Duration.microseconds(250)
    #endif

    @Test func encodingAFullPromptTakesWellUnderAMillisecond() throws {
        let clock = ContinuousClock()
        let tokenizer = try CLIPTokenizer.bundled(padToken: .exclamationMark)
        var first = tokenizer.encode("")
        let cold = clock.measure { first = tokenizer.encode(Self.prompt) }
        #expect(first.tokenCount == 74)
        let repetitions = 200
        let warm = clock.measure {
            for _ in 0..<repetitions { _ = tokenizer.encode(Self.prompt) }
        }
        #expect(cold < Self.encodeBound * 4, "first encoding took \(cold)")
        #expect(warm / repetitions < Self.encodeBound, "encoding took \(warm / repetitions)")
    }

    @Test func buildingTheBundledVocabularyIsFast() throws {
        let elapsed = try ContinuousClock().measure { _ = try BundledVocabulary.loadModel() }
        #expect(elapsed < Self.loadBound, "building the bundled vocabulary took \(elapsed)")
    }

    @Test func loadingAFolderIsFast() throws {
        let folder = try Fixtures.makeFolder(variant: "sdxl-tokenizer")
        defer { Fixtures.remove(folder) }
        let elapsed = try ContinuousClock().measure { _ = try CLIPTokenizer(folder: folder) }
        #expect(elapsed < Self.loadBound, "loading vocab.json and merges.txt took \(elapsed)")
    }
}
