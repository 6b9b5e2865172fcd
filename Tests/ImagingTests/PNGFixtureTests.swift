import Foundation
import Testing
@testable import Imaging

/// PNGs written by Pillow (and by hand, for the odd ones), decoded and compared with what
/// Pillow decodes (Tools/make_png_fixtures.py).
@Suite struct PNGFixtureTests {
    @Test func decodesEveryColourTypeToThePixelsPillowGives() throws {
        let cases = try Fixtures.expected().png.filter { $0.error == nil }
        #expect(cases.count >= 15)
        for fixture in cases {
            let decoded = try PNGFile.read(try Fixtures.url(fixture.file))
            #expect(decoded.image.width == fixture.width, "\(fixture)")
            #expect(decoded.image.height == fixture.height, "\(fixture)")
            let expected = try #require(fixture.pixels, "\(fixture)")
            let mismatches = zip(decoded.image.pixels, expected).filter { $0 != $1 }.count
            #expect(decoded.image.pixels.count == expected.count && mismatches == 0, "\(fixture): \(mismatches) bytes differ")
        }
    }

    @Test func readsTextChunksExactly() throws {
        let cases = try Fixtures.expected().png.filter { $0.error == nil }
        for fixture in cases {
            let expected = try (fixture.text ?? []).map { try #require($0.chunk, "\(fixture): kind \($0.kind)") }
            let decoded = try PNGFile.read(try Fixtures.url(fixture.file))
            #expect(decoded.metadata.text == expected, "\(fixture)")
            let metadata = try PNGFile.readMetadata(try Fixtures.url(fixture.file))
            #expect(metadata.text == expected, "\(fixture), metadata only")
            #expect(metadata.header.width == fixture.width && metadata.header.height == fixture.height, "\(fixture)")
        }
    }

    @Test func reportsHeaderFields() throws {
        let interlaced = try PNGFile.readMetadata(try Fixtures.url("interlaced.png")).header
        #expect(interlaced == PNGHeader(width: 9, height: 7, bitDepth: 8, colorType: .rgb, interlaced: true))
        let palette = try PNGFile.readMetadata(try Fixtures.url("palette_4bit.png")).header
        #expect(palette == PNGHeader(width: 6, height: 3, bitDepth: 4, colorType: .palette, interlaced: false))
        let gray = try PNGFile.readMetadata(try Fixtures.url("gray16.png")).header
        #expect(gray.bitDepth == 16 && gray.colorType == .gray)
        #expect(try PNGFile.readMetadata(try Fixtures.url("rgba.png")).header.colorType == .rgba)
        #expect(try PNGFile.readMetadata(try Fixtures.url("gray_alpha.png")).header.colorType == .grayAlpha)
    }

    @Test func replacesInvalidUTF8PredictablyAndWarns() throws {
        let metadata = try PNGFile.readMetadata(try Fixtures.url("itxt_invalid_utf8.png"))
        #expect(metadata.text.text(for: "broken") == "ok \u{FFFD}\u{FFFD} bad \u{FFFD}")
        #expect(metadata.warnings.contains { $0.contains("not valid UTF-8") })
    }

    @Test func skipsADecompressionBombAndKeepsTheRest() throws {
        let url = try Fixtures.url("ztxt_bomb.png")
        for metadata in [try PNGFile.read(url).metadata, try PNGFile.readMetadata(url)] {
            #expect(metadata.text.map(\.keyword) == ["kept"])
            #expect(!metadata.warnings.isEmpty)
        }
    }

    @Test func keepsAtMostTheConfiguredNumberOfTextChunks() throws {
        let url = try Fixtures.url("many_text.png")
        let metadata = try PNGFile.readMetadata(url)
        #expect(metadata.text.count == 64)
        #expect(metadata.text.last?.keyword == "k063")
        #expect(metadata.warnings.contains { $0.contains("more than 64 text chunks") })
        var limits = PNGReadLimits.default
        limits.maxTextChunks = 5
        let few = try PNGFile.read(url, limits: limits).metadata
        #expect(few.text.map(\.keyword) == ["k000", "k001", "k002", "k003", "k004"])
        // The warning log is bounded even though 95 chunks were skipped.
        #expect(few.warnings.count == WarningLog.capacity + 1)
        #expect(few.warnings.last == "\(95 - WarningLog.capacity) more warnings")
    }

    @Test func enforcesTheTextSizeLimitAtEveryStage() throws {
        let url = try Fixtures.url("long_text.png")
        var limits = PNGReadLimits.default
        limits.maxTextBytes = 1000
        // Stored over the cap (left out before libpng), inflating over libpng's cap, and
        // passing libpng but over the limit: all skipped, each with a warning.
        for metadata in [try PNGFile.read(url, limits: limits).metadata, try PNGFile.readMetadata(url, limits: limits)] {
            #expect(metadata.text == [PNGTextChunk(keyword: "short", text: "fits", kind: .tEXt)])
            #expect(metadata.warnings.count >= 3, "\(metadata.warnings)")
        }
        #expect(try PNGFile.readMetadata(url).text.count == 4)
    }

    @Test func dropsTextWithABadChecksum() throws {
        let metadata = try PNGFile.read(try Fixtures.url("text_bad_crc.png")).metadata
        #expect(metadata.text.map(\.keyword) == ["kept"])
        #expect(metadata.warnings.contains { $0.contains("CRC") })
    }

    @Test func rejectsHostileFilesWithTheRightError() throws {
        let cases = try Fixtures.expected().png.filter { $0.error != nil }
        #expect(cases.count == 6)
        for fixture in cases {
            let url = try Fixtures.url(fixture.file)
            do {
                _ = try PNGFile.read(url)
                Issue.record("\(fixture) decoded without an error")
            } catch let error as ImagingError {
                let kind: String
                switch error {
                case .truncatedPNG: kind = "truncated"
                case .notPNG: kind = "notPNG"
                case .imageTooLarge: kind = "imageTooLarge"
                case .corruptPNG: kind = "corrupt"
                default: kind = "\(error)"
                }
                #expect(kind == fixture.error, "\(fixture): \(error)")
                #expect(error.description.contains(url.path), "the message names the file: \(error)")
            }
        }
    }

    @Test func readsTheMetadataOfImagesTooLargeToDecode() throws {
        let wide = try PNGFile.readMetadata(try Fixtures.url("huge_width.png"))
        #expect(wide.header.width == 100_000 && wide.header.height == 1)
        let area = try PNGFile.readMetadata(try Fixtures.url("huge_area.png"))
        #expect(area.header.width == 16000 && area.header.height == 16000)
    }

    @Test func readsTheMetadataOfFilesCutShortAfterTheirText() throws {
        let metadata = try PNGFile.readMetadata(try Fixtures.url("no_iend.png"))
        #expect(metadata.header.width == 16)
        #expect(metadata.warnings.contains { $0.contains("IEND") })
        let truncated = try PNGFile.readMetadata(try Fixtures.url("truncated.png"))
        #expect(truncated.warnings.contains { $0.contains("cut short") })
        #expect(throws: ImagingError.self) { try PNGFile.readMetadata(try Fixtures.url("not_a_png.png")) }
    }

    @Test func rejectsFilesOverTheFileSizeLimit() throws {
        var limits = PNGReadLimits.default
        limits.maxFileBytes = 100
        let url = try Fixtures.url("text_kinds.png")
        #expect(throws: ImagingError.fileTooLarge(path: url.path, bytes: try Fixtures.bytes("text_kinds.png").count, limit: 100)) {
            try PNGFile.read(url, limits: limits)
        }
    }

    @Test func namesAMissingFile() throws {
        let url = URL(fileURLWithPath: "/nonexistent/folder/image.png")
        do {
            _ = try PNGFile.read(url)
            Issue.record("a missing file was read")
        } catch let error as ImagingError {
            guard case .cannotOpen = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.contains("/nonexistent/folder/image.png"))
            #expect(!error.description.contains("\n"))
        }
    }
}
