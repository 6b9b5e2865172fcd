import Foundation
import Testing
@testable import Imaging

@Suite struct PNGRoundTripTests {
    /// A deterministic image with every byte value in every channel.
    static func gradient(width: Int, height: Int) throws -> RGBImage {
        var image = try RGBImage(width: width, height: height, red: 0, green: 0, blue: 0)
        for y in 0..<height {
            for x in 0..<width {
                image.setPixel(x: x, y: y, red: UInt8((x + y) & 255), green: UInt8((x * 3 + y * 7) & 255),
                               blue: UInt8((x * y + 11) & 255))
            }
        }
        return image
    }

    @Test(arguments: [(1, 1), (3, 2), (17, 5), (256, 256)])
    func pixelsSurviveExactly(width: Int, height: Int) throws {
        let image = try Self.gradient(width: width, height: height)
        let decoded = try PNGCodec.decode(try PNGCodec.encode(image))
        #expect(decoded.image == image)
        #expect(decoded.metadata.header == PNGHeader(width: width, height: height, bitDepth: 8, colorType: .rgb, interlaced: false))
        #expect(decoded.metadata.warnings.isEmpty)
    }

    @Test func textSurvivesExactlyInTheKindItsCharactersNeed() throws {
        let chunks = [
            PNGTextChunk(keyword: "parameters", text: "a cat\nNegative prompt: dog\nSteps: 30, Sampler: Euler"),
            PNGTextChunk(keyword: "latin", text: "café crème, ÿ, ¡olé! \u{A0}non-breaking"),
            PNGTextChunk(keyword: "unicode", text: "日本語 ✓ — emoji 🐱, and Ελληνικά"),
            PNGTextChunk(keyword: "zipped latin", text: String(repeating: "zip ñ ", count: 200), compressed: true),
            PNGTextChunk(keyword: "zipped unicode", text: String(repeating: "圧縮 ", count: 200), compressed: true),
            PNGTextChunk(keyword: "empty", text: ""),
            PNGTextChunk(keyword: "tagged", text: "Grüße", kind: .iTXt(compressed: false), languageTag: "de-DE",
                         translatedKeyword: "markiert"),
            PNGTextChunk(keyword: "Ünïcödé keyword ÿ", text: "line 1\r\nline 2\ttab"),
        ]
        #expect(chunks.map(\.kind) == [.tEXt, .tEXt, .iTXt(compressed: false), .zTXt, .iTXt(compressed: true),
                                       .tEXt, .iTXt(compressed: false), .tEXt])
        let bytes = try PNGCodec.encode(try Self.gradient(width: 4, height: 4), text: chunks)
        #expect(try PNGCodec.decode(bytes).metadata.text == chunks)
        #expect(try PNGCodec.readMetadata(bytes).text == chunks)
    }

    @Test func writesTextBeforeTheImageData() throws {
        let bytes = try PNGCodec.encode(try Self.gradient(width: 2, height: 2),
                                        text: [PNGTextChunk(keyword: "parameters", text: "x")])
        var types: [String] = []
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            types.append(String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self))
            offset += 12 + length
        }
        #expect(types == ["IHDR", "tEXt", "IDAT", "IEND"])
    }

    @Test(arguments: ["", String(repeating: "k", count: 80), " leading", "trailing ", "two  spaces", "tab\there",
                      "new\nline", "日本", "\u{7F}del", "nbsp\u{A0}"])
    func rejectsInvalidKeywords(keyword: String) throws {
        #expect(throws: ImagingError.self) {
            try PNGCodec.encode(try Self.gradient(width: 1, height: 1), text: [PNGTextChunk(keyword: keyword, text: "x")])
        }
    }

    @Test func acceptsKeywordsAtTheLimits() throws {
        let keywords = ["k", String(repeating: "k", count: 79), "A1111 parameters", "ÿ¡~ !"]
        let chunks = keywords.map { PNGTextChunk(keyword: $0, text: "value") }
        let bytes = try PNGCodec.encode(try Self.gradient(width: 1, height: 1), text: chunks)
        #expect(try PNGCodec.readMetadata(bytes).text.map(\.keyword) == keywords)
    }

    @Test func rejectsTextItCannotStore() throws {
        let image = try Self.gradient(width: 1, height: 1)
        let cases: [PNGTextChunk] = [
            PNGTextChunk(keyword: "nul", text: "before\u{0}after"),
            PNGTextChunk(keyword: "nul unicode", text: "日本\u{0}"),
            PNGTextChunk(keyword: "not latin", text: "日本", kind: .tEXt),
            PNGTextChunk(keyword: "not latin z", text: "✓", kind: .zTXt),
            PNGTextChunk(keyword: "too long", text: String(repeating: "x", count: PNGReadLimits.default.maxTextBytes + 1)),
            PNGTextChunk(keyword: "bad tag", text: "x", kind: .iTXt(compressed: false), languageTag: "en_US"),
            PNGTextChunk(keyword: "tag on tEXt", text: "x", kind: .tEXt, languageTag: "en"),
        ]
        for chunk in cases {
            #expect(throws: ImagingError.self, "\(chunk.keyword)") { try PNGCodec.encode(image, text: [chunk]) }
        }
        let tooMany = (0...PNGReadLimits.default.maxTextChunks).map { PNGTextChunk(keyword: "k\($0)", text: "v") }
        #expect(throws: ImagingError.self) { try PNGCodec.encode(image, text: tooMany) }
    }

    @Test func storesTheLongestTextTheReaderAccepts() throws {
        let text = String(repeating: "0123456789abcdef", count: PNGReadLimits.default.maxTextBytes / 16)
        let chunk = PNGTextChunk(keyword: "big", text: text, compressed: true)
        let bytes = try PNGCodec.encode(try Self.gradient(width: 1, height: 1), text: [chunk])
        let metadata = try PNGCodec.readMetadata(bytes)
        #expect(metadata.text == [chunk])
        #expect(metadata.warnings.isEmpty)
    }

    @Test func writesAndReadsFilesOnDisk() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = try Self.gradient(width: 9, height: 4)
        let text = [PNGTextChunk(keyword: "parameters", text: "p\nSteps: 1")]
        let url = folder.appendingPathComponent("out.png")
        #expect(try PNGFile.write(image, text: text, to: url) == url)
        let decoded = try PNGFile.read(url)
        #expect(decoded.image == image && decoded.metadata.text == text)
        #expect(try PNGFile.readMetadata(url).text == text)

        let second = try PNGFile.write(image, to: url, existing: .keep)
        #expect(second.lastPathComponent == "out-1.png")
        #expect(try PNGFile.read(url).metadata.text == text, "the first file is untouched")
        let replaced = try PNGFile.write(try Self.gradient(width: 2, height: 2), to: url)
        let replacedWidth = try PNGFile.read(url).image.width
        #expect(replaced == url && replacedWidth == 2)
    }

    @Test func rejectsImagesOverTheReadLimits() throws {
        let bytes = try PNGCodec.encode(try Self.gradient(width: 40, height: 30))
        var limits = PNGReadLimits.default
        limits.maxWidth = 39
        #expect(throws: ImagingError.imageTooLarge(path: "the PNG data", width: 40, height: 30, limits: limits)) {
            try PNGCodec.decode(bytes, limits: limits)
        }
        limits = .default
        limits.maxPixels = 40 * 30 - 1
        #expect(throws: ImagingError.self) { try PNGCodec.decode(bytes, limits: limits) }
        limits.maxPixels = 40 * 30
        #expect(try PNGCodec.decode(bytes, limits: limits).image.width == 40)
    }

    @Test func rejectsEveryTruncationOfAValidFile() throws {
        let bytes = try PNGCodec.encode(try Self.gradient(width: 8, height: 8),
                                        text: [PNGTextChunk(keyword: "parameters", text: "x")])
        for length in 0..<bytes.count {
            #expect(throws: ImagingError.self, "length \(length)") { try PNGCodec.decode(Array(bytes[..<length])) }
        }
    }

    @Test func survivesFlippedBytesWithoutCrashing() throws {
        let bytes = try PNGCodec.encode(try Self.gradient(width: 8, height: 8),
                                        text: [PNGTextChunk(keyword: "parameters", text: "hello", compressed: true)])
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var damaged = bytes
            let position = Int(generator.next() % UInt64(damaged.count))
            damaged[position] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            // Either outcome is fine; neither may crash, and a result must be self-consistent.
            if let decoded = try? PNGCodec.decode(damaged) {
                #expect(decoded.image.pixels.count == decoded.image.width * decoded.image.height * 3)
            }
            _ = try? PNGCodec.readMetadata(damaged)
        }
    }
}

/// A small deterministic random source for damage tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
