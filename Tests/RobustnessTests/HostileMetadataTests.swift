// Hostile generation metadata: A1111 "parameters" text with odd content (parsed without failing,
// with predictable results and bounded time) and sdxl JSON records with wrong types or huge values
// (refused with GenerationError.unreadableMetadata, or read and then refused by validation).
import Foundation
import Imaging
import StableDiffusionXL
import Testing

struct OddInfotext: Sendable, CustomTestStringConvertible {
    let label: String
    let text: @Sendable () -> String
    let check: @Sendable (A1111Parameters) -> Bool
    var testDescription: String { label }

    static let all: [OddInfotext] = [
        .init(label: "empty", text: { "" }, check: { $0.prompt.isEmpty && $0.fields.isEmpty }),
        .init(label: "only newlines", text: { String(repeating: "\n", count: 100_000) }, check: { $0.fields.isEmpty }),
        .init(label: "a 1 MB prompt line", text: { String(repeating: "masterpiece, ", count: 80_000) + "\nSteps: 20" },
              check: { $0.prompt.count > 1_000_000 && $0.integer("Steps") == 20 }),
        .init(label: "100 000 fields on one line",
              text: { "p\nSteps: 1, " + (0..<100_000).map { "K\($0): \($0)" }.joined(separator: ", ") },
              check: { $0.fields.count == 100_001 && $0["K99999"] == "99999" }),
        .init(label: "the same key 100 000 times", text: { "p\nSteps: 1, " + (0..<100_000).map { "Seed: \($0)" }.joined(separator: ", ") },
              check: { $0.fields.count == 2 && $0.integer("Seed") == 99_999 }),
        .init(label: "an unclosed quote", text: { "p\nSteps: 3, Lora hashes: \"abc: 1, Seed: 5" },
              check: { $0.integer("Steps") == 3 && $0["Lora hashes"] != nil }),
        .init(label: "100 000 quotes", text: { "p\nSteps: 3, X: " + String(repeating: "\"", count: 100_000) },
              check: { $0.integer("Steps") == 3 }),
        .init(label: "invalid JSON escape in a quoted value", text: { "p\nSteps: 3, X: \"\\u12\", Seed: 4" },
              check: { $0.integer("Seed") == 4 }),
        .init(label: "NUL and escape characters", text: { "a\u{0}b\u{1B}[2J\nNegative prompt: \u{1B}]0;x\u{7}\nSteps: 2" },
              check: { $0.prompt.contains("\u{0}") && $0.integer("Steps") == 2 }),
        .init(label: "absurd numbers", text: { "p\nSteps: 99999999999999999999999, Size: 99999999999999999999x-1, CFG scale: nan, Seed: -0" },
              check: { $0.integer("Steps") == nil && $0.size("Size") == nil && $0.number("CFG scale") == nil }),
        .init(label: "full-width digits in Size", text: { "p\nSteps: 2, Size: １０２４x１０２４" }, check: { $0.size("Size") == nil }),
        .init(label: "many Negative prompt lines", text: { String(repeating: "Negative prompt: x\n", count: 10_000) + "Steps: 1" },
              check: { $0.prompt.isEmpty && $0.integer("Steps") == 1 }),
        .init(label: "many Steps lines", text: { String(repeating: "Steps: 1\n", count: 10_000) }, check: { $0.integer("Steps") == 1 }),
        .init(label: "invalid surrogate-free unicode soup", text: { String(repeating: "\u{202E}\u{FEFF}\u{10FFFF}ẞ̈́", count: 10_000) + "\nSteps: 4" },
              check: { $0.integer("Steps") == 4 }),
    ]
}

struct HostileRecord: Sendable, CustomTestStringConvertible {
    let label: String
    /// The sdxl chunk's text, made from a valid record's JSON object.
    let json: @Sendable (_ valid: [String: Any]) -> String
    var testDescription: String { label }

    static func serialize(_ object: [String: Any]) -> String {
        (try? JSONSerialization.data(withJSONObject: object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func with(_ path: [String], _ value: Any?) -> @Sendable ([String: Any]) -> String {
        let box = UncheckedValue(value)
        return { valid in
            var object = valid
            if path.count == 1 {
                object[path[0]] = box.value
            } else if var inner = object[path[0]] as? [String: Any] {
                inner[path[1]] = box.value
                object[path[0]] = inner
            }
            return serialize(object)
        }
    }

    static let all: [HostileRecord] = [
        .init(label: "parameters is a number", json: with(["parameters"], 5)),
        .init(label: "prompt is an array", json: with(["parameters", "prompt"], [1, 2])),
        .init(label: "prompt missing", json: with(["parameters", "prompt"], nil)),
        .init(label: "steps is a string", json: with(["parameters", "steps"], "thirty")),
        .init(label: "seed is negative", json: with(["parameters", "seed"], -1)),
        .init(label: "seed is 1e30", json: with(["parameters", "seed"], 1e30)),
        .init(label: "width is fractional", json: with(["parameters", "width"], 512.5)),
        .init(label: "sampler is unknown", json: with(["parameters", "sampler"], "rm -rf")),
        .init(label: "model is missing", json: with(["model"], nil)),
        .init(label: "prompt is 300 KB", json: with(["parameters", "prompt"], String(repeating: "a", count: 300_000))),
        .init(label: "not JSON", json: { _ in "Steps: 20, Sampler: Euler" }),
        .init(label: "NaN literal", json: { valid in serialize(valid).replacingOccurrences(of: "\"guidance_scale\":", with: "\"guidance_scale\":NaN,\"x\":") }),
        .init(label: "nesting 100 000 deep", json: { _ in #"{"parameters":"# + String(repeating: "[", count: 100_000) }),
        .init(label: "top level is an array", json: { _ in "[]" }),
    ]
}

final class UncheckedValue: @unchecked Sendable {
    let value: Any?
    init(_ value: Any?) { self.value = value }
}

@Suite struct HostileMetadataTests {
    @Test(arguments: OddInfotext.all)
    func oddInfotextParsesPredictably(_ odd: OddInfotext) {
        let text = odd.text()
        let started = Date()
        let parsed = A1111Parameters.parse(text)
        #expect(Date().timeIntervalSince(started) < 10, "\(odd.label) took too long")
        #expect(odd.check(parsed), "\(odd.label): prompt \(parsed.prompt.prefix(40)), \(parsed.fields.prefix(4))")
    }

    static let header = PNGHeader(width: 64, height: 64, bitDepth: 8, colorType: .rgb, interlaced: false)

    static func validRecordObject() throws -> [String: Any] {
        let record = GenerationRecord(parameters: GenerationParameters(prompt: "a cat", steps: 3, seed: 9),
                                      model: ModelReference(name: "tiny", hash: "abc"), software: "sdxl test")
        let data = try JSONEncoder().encode(record)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theValidRecordReadsBack() throws {
        let text = HostileRecord.serialize(try Self.validRecordObject())
        let metadata = PNGMetadata(header: Self.header, text: [PNGTextChunk(keyword: "sdxl", text: text)], warnings: [])
        let record = try GenerationRecord(metadata: metadata, path: "valid.png")
        #expect(record.parameters.prompt == "a cat" && record.parameters.seed == 9)
    }

    @Test(arguments: HostileRecord.all)
    func hostileRecordsAreRefused(_ hostile: HostileRecord) throws {
        let text = hostile.json(try Self.validRecordObject())
        let metadata = PNGMetadata(header: Self.header, text: [PNGTextChunk(keyword: "sdxl", text: text)], warnings: [])
        do {
            let record = try GenerationRecord(metadata: metadata, path: "hostile.png")
            Issue.record("\(hostile.label): read as \(record.parameters)")
        } catch {
            guard case .unreadableMetadata(let path, _) = error else {
                Issue.record("\(hostile.label): \(error)")
                return
            }
            #expect(path == "hostile.png")
        }
    }

    /// Values of the right type but absurd size are read, then refused by validation before use.
    @Test(arguments: [("steps", -5), ("steps", 1_000_000_000), ("width", 1_000_000_000), ("height", -64), ("width", 7)])
    func absurdValuesFailValidation(_ key: String, _ value: Int) throws {
        let text = HostileRecord.with(["parameters", key], value)(try Self.validRecordObject())
        let metadata = PNGMetadata(header: Self.header, text: [PNGTextChunk(keyword: "sdxl", text: text)], warnings: [])
        let record = try GenerationRecord(metadata: metadata, path: "absurd.png")
        #expect(throws: GenerationError.self) { try record.parameters.validate() }
    }
}
