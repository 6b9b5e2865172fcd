import Foundation
import Testing
@testable import Imaging

@Suite struct A1111ParametersTests {
    typealias Field = A1111Parameters.Field

    static let sdxl = SDXLInfotext(
        prompt: "a cat, in the snow: 8k", negativePrompt: "blurry", steps: 30, sampler: "Euler", cfgScale: 5.0,
        seed: 123, size: PixelSize(width: 1024, height: 1024), modelHash: "31e35c80fc", model: "sd_xl_base_1.0",
        originalSize: PixelSize(width: 2048, height: 1536), cropTop: 0, cropLeft: 64,
        targetSize: PixelSize(width: 1024, height: 768), aestheticScore: 6.0, negativeAestheticScore: 2.5,
        refiner: "sd_xl_refiner_1.0 [7440042bbd]", refinerSwitchAt: 0.8, version: "sdxl 0.1")

    @Test func formatsSDXLValuesInTheWebUIOrder() throws {
        let text = try Self.sdxl.parameters.formatted()
        #expect(text == """
            a cat, in the snow: 8k
            Negative prompt: blurry
            Steps: 30, Sampler: Euler, CFG scale: 5.0, Seed: 123, Size: 1024x1024, Model hash: 31e35c80fc, \
            Model: sd_xl_base_1.0, Original size: 2048x1536, Crop top: 0, Crop left: 64, Target size: 1024x768, \
            Aesthetic score: 6.0, Negative aesthetic score: 2.5, Refiner: sd_xl_refiner_1.0 [7440042bbd], \
            Refiner switch at: 0.8, Version: sdxl 0.1
            """)
        #expect(SDXLInfotext(A1111Parameters.parse(text)) == Self.sdxl)
    }

    @Test func parsesTheWebUIsOwnExample() throws {
        let text = """
            girl with an artist's beret, determined, blue eyes, desert scene, computer monitors, heavy makeup, \
            by Alphonse Mucha and Charlie Bowater, ((eyeshadow)), (coquettish), detailed, intricate
            Negative prompt: ugly, fat, obese, chubby, (((deformed))), [blurry], bad anatomy, disfigured
            Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 965400086, Size: 512x512, Model hash: 45dee52b
            """
        let parameters = A1111Parameters.parse(text)
        #expect(parameters.prompt.hasPrefix("girl with an artist's beret") && parameters.prompt.hasSuffix("intricate"))
        #expect(parameters.negativePrompt == "ugly, fat, obese, chubby, (((deformed))), [blurry], bad anatomy, disfigured")
        #expect(parameters.fields == [
            Field(key: "Steps", value: "20"), Field(key: "Sampler", value: "Euler a"), Field(key: "CFG scale", value: "7"),
            Field(key: "Seed", value: "965400086"), Field(key: "Size", value: "512x512"),
            Field(key: "Model hash", value: "45dee52b"),
        ])
        let typed = SDXLInfotext(parameters)
        #expect(typed.steps == 20 && typed.cfgScale == 7 && typed.seed == 965_400_086)
        #expect(typed.size == PixelSize(width: 512, height: 512) && typed.extra.isEmpty)
        let size = try #require(parameters.size("Size"))
        #expect(size.width == 512 && size.height == 512)
    }

    @Test func unquotesJSONValuesAsTheWebUIWritesThem() {
        let text = #"p\#nSteps: 20, Lora hashes: "add_detail: 7c6bad76eb54, more: abc", Note: "line 1\nline \"2\"\t\u00e9\ud83d\udc31", Empty: "", Seed: 1"#
        let parameters = A1111Parameters.parse(text)
        #expect(parameters["Lora hashes"] == "add_detail: 7c6bad76eb54, more: abc")
        #expect(parameters["Note"] == "line 1\nline \"2\"\té🐱")
        #expect(parameters["Empty"] == "")
        #expect(parameters["Seed"] == "1")
    }

    static let roundTripCases: [A1111Parameters] = [
        A1111Parameters(prompt: "simple", fields: [Field(key: "Steps", value: "1")]),
        A1111Parameters(prompt: "multi\nline prompt, with: colons", negativePrompt: "neg\nwith two lines",
                        fields: [Field(key: "Steps", value: "30"), Field(key: "Model", value: "name, with comma")]),
        A1111Parameters(prompt: "unicode 日本語 ✓ 🐱", negativePrompt: "",
                        fields: [Field(key: "Steps", value: "5"), Field(key: "Weird", value: "quote \" back\\slash: x"),
                                 Field(key: "Controls", value: "a\u{1}b\u{8}c\u{C}d\re\tf"),
                                 Field(key: "Spaces", value: "  padded  "), Field(key: "Quoted", value: "\"already\""),
                                 Field(key: "Empty", value: ""), Field(key: "Tiling", value: "Tiling"),
                                 Field(key: "Sep/With-Dash", value: "ok")]),
        A1111Parameters(prompt: "", negativePrompt: "only negative", fields: [Field(key: "Steps", value: "2")]),
        A1111Parameters(prompt: "no fields at all"),
    ]

    @Test(arguments: roundTripCases)
    func formatThenParseGivesTheSameValues(parameters: A1111Parameters) throws {
        let text = try parameters.formatted()
        #expect(A1111Parameters.parse(text) == parameters, "\(text)")
    }

    @Test func quotesLikePythonsJSONDumps() {
        // Expected strings from Python: json.dumps(value, ensure_ascii=False).
        #expect(JSONStringLiteral.quote("tab\there \"quoted\" back\\slash") == #""tab\there \"quoted\" back\\slash""#)
        #expect(JSONStringLiteral.quote("ctl\u{1}\u{1F}\u{7F} é 日本 \u{2028}") == "\"ctl\\u0001\\u001f\u{7F} é 日本 \u{2028}\"")
        #expect(JSONStringLiteral.quote("\u{8}\u{C}\r") == #""\b\f\r""#)
        #expect(A1111Parameters.quotedIfNeeded("a, b") == #""a, b""#)
        #expect(A1111Parameters.quotedIfNeeded("plain value") == "plain value")
    }

    @Test func unquotesStrictJSONOnly() {
        func unquote(_ text: String) -> String? { JSONStringLiteral.unquote(text.unicodeScalars) }
        #expect(unquote(#""\u00e9\ud83d\udc31 \/""#) == "é🐱 /")
        #expect(unquote(#""lone \ud800 surrogate""#) == "lone \u{FFFD} surrogate")
        #expect(unquote(#""bad \q escape""#) == nil)
        #expect(unquote(#""short \u12""#) == nil)
        #expect(unquote("\"raw\ncontrol\"") == nil)
        #expect(unquote(#""inner " quote""#) == nil)
        #expect(unquote(#""trailing backslash\""#) == nil)
        #expect(unquote(#"""#) == nil)
        #expect(unquote(#""""#) == "")
    }

    @Test func oddInputsParsePredictably() {
        // No fields line: everything is prompt / negative prompt.
        let noSteps = A1111Parameters.parse("just a prompt\nNegative prompt: n\nSampler: Euler, Seed: 1, Size: 1x1")
        #expect(noSteps.prompt == "just a prompt" && noSteps.negativePrompt == "n\nSampler: Euler, Seed: 1, Size: 1x1")
        #expect(noSteps.fields.isEmpty)

        // The last "Steps:" line wins; an earlier one belongs to the prompt.
        let twice = A1111Parameters.parse("Steps: in the prompt\nSteps: 3, Seed: 4")
        #expect(twice.prompt == "Steps: in the prompt" && twice["Steps"] == "3" && twice["Seed"] == "4")

        // Duplicate keys: last value, first position.
        let duplicate = A1111Parameters.parse("p\nSteps: 1, Seed: 2, Steps: 3")
        #expect(duplicate.fields == [Field(key: "Steps", value: "3"), Field(key: "Seed", value: "2")])

        // Unbalanced quote: the value runs to the next comma.
        let unbalanced = A1111Parameters.parse("p\nSteps: 20, Model: \"abc, Seed: 5")
        #expect(unbalanced["Model"] == "\"abc" && unbalanced["Seed"] == "5")

        // A quoted value that is not valid JSON is kept as written.
        let invalid = A1111Parameters.parse(#"p\#nSteps: 20, Model: "a\qb", Seed: 5"#)
        #expect(invalid["Model"] == #""a\qb""# && invalid["Seed"] == "5")

        // Text after the closing quote: the value runs to the next comma, as written.
        let trailing = A1111Parameters.parse(#"p\#nSteps: 1, Model: "a" b, Seed: 2"#)
        #expect(trailing["Model"] == #""a" b"# && trailing["Seed"] == "2")

        // Flags, empty keys, stray commas and extra spaces.
        let messy = A1111Parameters.parse("p\n  Steps:7,, Tiling ,: lost, Key :  spaced value  ,Last:")
        #expect(messy.fields == [Field(key: "Steps", value: "7"), Field(key: "Tiling", value: "Tiling"),
                                 Field(key: "Key", value: "spaced value"), Field(key: "Last", value: "")])

        // Lines after the fields line hold more fields.
        let continued = A1111Parameters.parse("p\nSteps: 1, Seed: 2\nExtra: 3")
        #expect(continued.fields.map(\.key) == ["Steps", "Seed", "Extra"] && continued.prompt == "p")

        // Windows line ends and surrounding white space.
        let crlf = A1111Parameters.parse("  prompt line  \r\nNegative prompt:   neg  \r\nSteps: 2\r\n\n")
        #expect(crlf.prompt == "prompt line" && crlf.negativePrompt == "neg" && crlf.fields == [Field(key: "Steps", value: "2")])

        // Empty and blank text.
        #expect(A1111Parameters.parse("") == A1111Parameters(prompt: ""))
        #expect(A1111Parameters.parse(" \n\t ") == A1111Parameters(prompt: ""))
        #expect(A1111Parameters.parse("Negative prompt:") == A1111Parameters(prompt: "", negativePrompt: ""))
    }

    @Test func parsesGiantInputInLinearTime() {
        let count = 100_000
        let line = "Steps: 1, " + (0..<count).map { "Key \($0): value \($0)" }.joined(separator: ", ")
        let start = ContinuousClock.now
        let parameters = A1111Parameters.parse(String(repeating: "long prompt ", count: 50_000) + "\n" + line)
        #expect(parameters.fields.count == count + 1)
        #expect(parameters["Key 99999"] == "value 99999")
        let giantValue = String(repeating: "x", count: 1_000_000)
        #expect(A1111Parameters.parse("p\nSteps: 1, Big: \"\(giantValue)")["Big"] == "\"" + giantValue)
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test func refusesTextItCouldNotReadBack() {
        #expect(throws: ImagingError.self) {
            try A1111Parameters(prompt: "p", fields: [Field(key: "Seed", value: "1")]).formatted()
        }
        for key in ["", "has: colon", "has, comma", " padded", "line\nbreak", "\"quote"] {
            #expect(throws: ImagingError.self, "\(key)") {
                try A1111Parameters(prompt: "p", fields: [Field(key: "Steps", value: "1"), Field(key: key, value: "v")]).formatted()
            }
        }
    }

    @Test func keepsUnknownAndUnparsableFieldsAsText() throws {
        let parameters = A1111Parameters.parse("p\nSteps: many, CFG scale: nan, Seed: -1, Size: 12x, Hires upscale: 2, Crop top: 8")
        let typed = SDXLInfotext(parameters)
        #expect(typed.steps == nil && typed.cfgScale == nil && typed.seed == nil && typed.size == nil)
        #expect(typed.cropTop == 8)
        #expect(typed.extra == [Field(key: "Steps", value: "many"), Field(key: "CFG scale", value: "nan"),
                                Field(key: "Seed", value: "-1"), Field(key: "Size", value: "12x"),
                                Field(key: "Hires upscale", value: "2")])
    }

    @Test func subscriptEditsFieldsInPlace() {
        var parameters = A1111Parameters(prompt: "p", fields: [Field(key: "Steps", value: "1"), Field(key: "Seed", value: "2")])
        parameters["Steps"] = "9"
        parameters["Model"] = "m"
        parameters["Seed"] = nil
        #expect(parameters.fields == [Field(key: "Steps", value: "9"), Field(key: "Model", value: "m")])
        #expect(parameters.integer("Steps") == 9 && parameters.number("Model") == nil)
    }

    @Test func travelsThroughAPNGTextChunk() throws {
        let text = try Self.sdxl.parameters.formatted()
        let image = try RGBImage(width: 2, height: 2, red: 1, green: 2, blue: 3)
        let bytes = try PNGCodec.encode(image, text: [PNGTextChunk(keyword: A1111Parameters.pngKeyword, text: text)])
        let stored = try #require(try PNGCodec.readMetadata(bytes).text.text(for: "parameters"))
        #expect(SDXLInfotext(A1111Parameters.parse(stored)) == Self.sdxl)
    }
}
