// The tiny SDXL fixture written by Tools/make_sdxl_fixtures.py (Tests/Fixtures/tiny-sdxl), shared by
// several test targets and found next to this target's folder.
import Foundation
import Models
import SafeTensors
import Tensors
import Testing

enum TinySDXLFixture {
    /// Tests/Fixtures/tiny-sdxl, found from this file's real location (the target folder may be a link).
    static var root: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tiny-sdxl")
    }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// One prompt of `manifest.json` → `text_encoders.cases`.
    struct TextEncoderCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let prompt: String
        let tokenizerIDs: [Int]
        let tokenizer2IDs: [Int]
        let pooledPositionTE1: Int
        let pooledPositionTE2: Int

        enum CodingKeys: String, CodingKey {
            case name, prompt
            case tokenizerIDs = "tokenizer_ids"
            case tokenizer2IDs = "tokenizer_2_ids"
            case pooledPositionTE1 = "pooled_position_te1"
            case pooledPositionTE2 = "pooled_position_te2"
        }

        var testDescription: String { name }
    }

    private struct Manifest: Decodable {
        struct TextEncoders: Decodable {
            let file: String
            let cases: [TextEncoderCase]
        }
        let textEncoders: TextEncoders
        enum CodingKeys: String, CodingKey { case textEncoders = "text_encoders" }
    }

    /// The text encoder cases, or an empty list when the fixture is missing (a test then fails on it).
    static var textEncoderCases: [TextEncoderCase] {
        (try? manifest().textEncoders.cases) ?? []
    }

    private static func manifest() throws -> Manifest {
        let data = try Data(contentsOf: root.appendingPathComponent("expected/manifest.json"))
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    /// The expected tensors of the text encoder cases.
    static func expectedTextEncoderOutputs() throws -> SafeTensorsWeights {
        try SafeTensorsWeights(path: path("expected/" + manifest().textEncoders.file))
    }
}
