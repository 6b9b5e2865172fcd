import Foundation
import Imaging
import Schedulers
import StableDiffusionXL
import Testing
import TerminalUI
@testable import Studio

@Suite("Preset files: writing and reading back")
struct PresetsReadWriteTests {
    /// A preset that sets every key, with text chosen to break a careless writer.
    static let everything = Preset(
        name: "Ev\"il \\ name ] [preset] = 1 # 'x'",
        description: "quotes \" backslashes \\ and ünïcödé 🎨 # not a comment",
        settings: PresetSettings(
            width: .value(1216), height: .value(832), steps: 37, guidanceScale: 0.30000000000000004,
            guidanceRescale: 0.7, sampler: .value(.dpmpp2mKarras), seed: .fixed(UInt64.max),
            originalSize: .value(PixelSize(width: 4096, height: 3072)), cropTopLeft: CropOffset(top: 17, left: 3000),
            targetSize: .value(PixelSize(width: 1216, height: 832)),
            negativeOriginalSize: .value(PixelSize(width: 512, height: 512)),
            negativeCropTopLeft: CropOffset(top: 1, left: 2),
            negativeTargetSize: .value(PixelSize(width: 16384, height: 1)),
            aestheticScore: 9.75, negativeAestheticScore: 1e-5,
            refiner: .refineImage(strength: 0.35), refinerSteps: .value(20), refinerSeed: .value(9_223_372_036_854_775_808),
            keepBase: true),
        style: PresetStyle(promptTemplate: "line one {prompt}\n\"quoted\" \\ {braces} {{prompt}}\ttab",
                           negativeTemplate: "\nname = \"injected\"\n[size]\nwidth = 8\n{prompt}"),
        preview: PresetPreview(decoder: .vae, interval: 3))

    static let automatic = Preset(
        name: "Automatic",
        settings: PresetSettings(
            width: .automatic, height: .automatic, steps: 1, guidanceScale: 0, guidanceRescale: 1,
            sampler: .automatic, seed: .random, originalSize: .automatic, cropTopLeft: .zero,
            targetSize: .automatic, negativeOriginalSize: .automatic, negativeCropTopLeft: .zero,
            negativeTargetSize: .automatic, aestheticScore: 0, negativeAestheticScore: 10,
            refiner: .ensemble(switchAt: 0.8), refinerSteps: .automatic, refinerSeed: .automatic, keepBase: false),
        preview: PresetPreview(decoder: .auto, interval: 1000))

    @Test("every field survives write → read", arguments: [everything, automatic, Preset(name: "only a name")])
    func roundTrip(preset: Preset) throws {
        let text = preset.tomlText
        let back = try Preset(toml: text, file: "round-trip.toml")
        #expect(back == preset)
        // And the text of the text is the same text.
        #expect(back.tomlText == text)
    }

    @Test("hostile text cannot add lines, keys or tables")
    func noInjection() throws {
        let lines = Self.everything.tomlText.split(separator: "\n", omittingEmptySubsequences: false)
        let headers = lines.filter { $0.hasPrefix("[") }
        #expect(headers == ["[preset]", "[style]", "[size]", "[sampling]", "[conditioning]", "[refiner]", "[preview]"])
        // One line per key, one per header, one comment, blank lines between tables, final newline.
        let keyCount = PresetSchema.tables.reduce(0) { $0 + $1.keys.count } - 1   // no switch_at with refine_image
        #expect(lines.count == 1 + 2 * headers.count + keyCount + 1)
        #expect(!Self.everything.tomlText.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("the writer puts tables and keys in schema order")
    func schemaOrder() {
        let written = Self.everything.tomlTables()
        #expect(written.map(\.0) == PresetSchema.tableNames)
        for ((table, values), schema) in zip(written, PresetSchema.tables) {
            let keys = values.map(\.0)
            #expect(keys == schema.keys.filter(keys.contains), "[\(table)]")
        }
    }

    @Test("seeds above 2^63-1 are written as quoted digits and read back")
    func bigSeeds() throws {
        for seed: UInt64 in [0, 1, UInt64(Int64.max), UInt64(Int64.max) + 1, UInt64.max] {
            let preset = Preset(name: "s", settings: PresetSettings(seed: .fixed(seed), refinerSeed: .value(seed)))
            let back = try Preset(toml: preset.tomlText, file: "seed.toml")
            #expect(back.settings.seed == .fixed(seed))
            #expect(back.settings.refinerSeed == .value(seed))
        }
    }

    @Test("random numbers in every range read back as the same Double")
    func floatsRoundTrip() throws {
        var generator = PresetsTestGenerator(state: 42)
        for _ in 0..<300 {
            let scale = Double.random(in: GenerationParameters.guidanceScaleRange, using: &generator)
            let rescale = Double.random(in: 0...1, using: &generator)
            let score = Double.random(in: GenerationParameters.aestheticScoreRange, using: &generator)
            let switchAt = Double.random(in: 0.001..<1, using: &generator)
            let preset = Preset(name: "f", settings: PresetSettings(
                guidanceScale: scale, guidanceRescale: rescale, aestheticScore: score,
                refiner: .ensemble(switchAt: switchAt)))
            let back = try Preset(toml: preset.tomlText, file: "floats.toml")
            #expect(back == preset)
        }
    }

    @Test("TOML strings escape every control character and read back exactly")
    func stringEscapes() throws {
        var scalars = String.UnicodeScalarView()
        for value in UInt32(0)...0xA0 { if let scalar = Unicode.Scalar(value) { scalars.append(scalar) } }
        scalars.append(contentsOf: "\u{2028}\u{2029}😀".unicodeScalars)
        let text = String(scalars)
        let literal = TOMLText.string(text)
        #expect(!literal.unicodeScalars.dropFirst().dropLast().contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        let document = try TOMLSubset.parse("[t]\nk = \(literal)\n", file: "escapes.toml")
        #expect(try document.table("t")?.string("k") == text)
    }

    @Test("a name comes from the file name when [preset] has none")
    func nameFromFile() throws {
        let preset = try Preset(toml: "[size]\nwidth = 512\n", file: "/some/folder/my-size.toml")
        #expect(preset.name == "my-size")
        #expect(preset.settings.width == .value(512))
        #expect(preset.description == nil)
    }
}
