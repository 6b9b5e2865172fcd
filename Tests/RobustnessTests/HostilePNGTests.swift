// Hostile PNG files: decompression bombs, absurd dimensions, truncation, thousands of text chunks.
// Reading the metadata or the pixels must give an ImagingError or a bounded result with warnings.
import Foundation
import Imaging
import Testing

struct HostilePNGCase: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable {
        /// `PNGFile.read` and `PNGFile.readMetadata` fail with one of these ImagingError cases.
        case readFails(Set<String>)
        /// The pixels are refused with this case, but the metadata (header) can still be shown.
        case pixelsRefused(String, width: Int, height: Int)
        /// Reading succeeds, keeps at most the limits' text, and warns about what it dropped.
        case boundedWithWarnings
        /// The pixels decode to this size, or are refused with an ImagingError.
        case decodesOrRefuses(width: Int, height: Int)
    }

    let label: String
    let bytes: @Sendable () -> [UInt8]
    let expectation: Expectation
    var testDescription: String { label }

    static func zTXt(_ keyword: String, inflating count: Int) -> [UInt8] {
        HostileFiles.pngChunk("zTXt", Array(keyword.utf8) + [0, 0] + DeflateBomb.zlib(repeating: 0x41, count: count))
    }

    static let all: [HostilePNGCase] = [
        .init(label: "zTXt bomb inflating to 100 MB", bytes: { HostileFiles.png(extraChunks: [zTXt("parameters", inflating: 100_000_000)]) },
              expectation: .boundedWithWarnings),
        .init(label: "iTXt bomb inflating to 20 MB",
              bytes: {
                  HostileFiles.png(extraChunks: [HostileFiles.pngChunk("iTXt", Array("sdxl".utf8) + [0, 1, 0, 0, 0]
                                                                        + DeflateBomb.zlib(repeating: 0x7B, count: 20_000_000))])
              },
              expectation: .boundedWithWarnings),
        .init(label: "10 000 text chunks",
              bytes: { HostileFiles.png(extraChunks: (0..<10_000).map { HostileFiles.tEXt("k\($0 % 50)", Array("value \($0)".utf8)) }) },
              expectation: .boundedWithWarnings),
        .init(label: "80 zTXt chunks of 256 KB each",
              bytes: { HostileFiles.png(extraChunks: (0..<80).map { _ in zTXt("parameters", inflating: 1 << 18) }) },
              expectation: .boundedWithWarnings),
        .init(label: "2^31-1 × 2^31-1 pixels", bytes: {
                  HostileFiles.pngSignature + HostileFiles.ihdr(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF)
                      + HostileFiles.pngChunk("IDAT", HostileFiles.zlibStored([0, 0, 0, 0])) + HostileFiles.pngChunk("IEND", [])
              },
              expectation: .pixelsRefused("imageTooLarge", width: 0x7FFF_FFFF, height: 0x7FFF_FFFF)),
        .init(label: "65 536 × 65 536 pixels", bytes: {
                  HostileFiles.pngSignature + HostileFiles.ihdr(width: 65536, height: 65536)
                      + HostileFiles.pngChunk("IDAT", DeflateBomb.zlib(repeating: 0, count: 1_000_000)) + HostileFiles.pngChunk("IEND", [])
              },
              expectation: .pixelsRefused("imageTooLarge", width: 65536, height: 65536)),
        .init(label: "width 2^32-1 (beyond the PNG limit)", bytes: {
                  HostileFiles.pngSignature + HostileFiles.ihdr(width: 0xFFFF_FFFF, height: 1) + HostileFiles.pngChunk("IEND", [])
              },
              expectation: .readFails(["imageTooLarge", "corruptPNG"])),
        .init(label: "zero width", bytes: { HostileFiles.pngSignature + HostileFiles.ihdr(width: 0, height: 1) + HostileFiles.pngChunk("IEND", []) },
              expectation: .readFails(["imageTooLarge", "corruptPNG"])),
        .init(label: "IDAT inflating to 100 MB for a 4×4 image", bytes: {
                  HostileFiles.pngSignature + HostileFiles.ihdr(width: 4, height: 4)
                      + HostileFiles.pngChunk("IDAT", DeflateBomb.zlib(repeating: 0, count: 100_000_000)) + HostileFiles.pngChunk("IEND", [])
              },
              expectation: .decodesOrRefuses(width: 4, height: 4)),
        .init(label: "chunk length 0xFFFFFFFF", bytes: {
                  HostileFiles.pngSignature + HostileFiles.ihdr(width: 1, height: 1) + [0xFF, 0xFF, 0xFF, 0xFF] + Array("tEXt".utf8) + [0, 0, 0, 0]
              },
              expectation: .readFails(["corruptPNG"])),
        .init(label: "IHDR with a bad CRC", bytes: {
                  var bytes = HostileFiles.png()
                  bytes[8 + 8 + 13] ^= 0xFF
                  return bytes
              },
              expectation: .readFails(["corruptPNG"])),
        .init(label: "only the signature", bytes: { HostileFiles.pngSignature }, expectation: .readFails(["truncatedPNG"])),
        .init(label: "empty file", bytes: { [] }, expectation: .readFails(["notPNG"])),
        .init(label: "a JPEG named .png", bytes: { [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) }, expectation: .readFails(["notPNG"])),
    ]
}

@Suite struct HostilePNGTests {
    static func write(_ bytes: [UInt8]) throws -> (folder: URL, file: URL) {
        let folder = try HostileFiles.scratchFolder("png")
        let file = folder.appendingPathComponent("hostile.png")
        try Data(bytes).write(to: file)
        return (folder, file)
    }

    @Test func theDeflateBombBuilderMakesValidStreams() throws {
        // A 300 × 200 black picture whose IDAT is the bomb builder's stream.
        let bytes = HostileFiles.pngSignature + HostileFiles.ihdr(width: 300, height: 200)
            + HostileFiles.pngChunk("IDAT", DeflateBomb.zlib(repeating: 0, count: 200 * (1 + 300 * 3)))
            + HostileFiles.pngChunk("IEND", [])
        let (folder, file) = try Self.write(bytes)
        defer { try? FileManager.default.removeItem(at: folder) }
        let decoded = try PNGFile.read(file)
        #expect(decoded.image.width == 300 && decoded.image.height == 200)
        #expect(decoded.image.pixels.allSatisfy { $0 == 0 })
        // A zTXt chunk the reader keeps whole.
        let small = HostileFiles.png(extraChunks: [HostilePNGCase.zTXt("parameters", inflating: 1000)])
        let (smallFolder, smallFile) = try Self.write(small)
        defer { try? FileManager.default.removeItem(at: smallFolder) }
        #expect(try PNGFile.readMetadata(smallFile).text.text(for: "parameters") == String(repeating: "A", count: 1000))
    }

    @Test(arguments: HostilePNGCase.all)
    func refusedOrBounded(_ hostile: HostilePNGCase) throws {
        let (folder, file) = try Self.write(hostile.bytes())
        defer { try? FileManager.default.removeItem(at: folder) }
        let limits = PNGReadLimits.default
        let started = Date()
        switch hostile.expectation {
        case .readFails(let expected):
            for read in [{ _ = try PNGFile.read(file) }, { _ = try PNGFile.readMetadata(file) }] as [() throws -> Void] {
                do {
                    try read()
                    Issue.record("\(hostile.label): read without error")
                } catch let error as ImagingError {
                    #expect(expected.contains(HostileFiles.caseName(error)), "\(hostile.label): \(error)")
                }
            }
        case .pixelsRefused(let expected, let width, let height):
            let metadata = try PNGFile.readMetadata(file)
            #expect(metadata.header.width == width && metadata.header.height == height)
            do {
                _ = try PNGFile.read(file)
                Issue.record("\(hostile.label): pixels decoded")
            } catch let error as ImagingError {
                #expect(HostileFiles.caseName(error) == expected, "\(hostile.label): \(error)")
            }
        case .decodesOrRefuses(let width, let height):
            do {
                let decoded = try PNGFile.read(file)
                #expect(decoded.image.width == width && decoded.image.height == height, "\(hostile.label)")
            } catch is ImagingError {}
        case .boundedWithWarnings:
            let metadata: PNGMetadata
            do {
                metadata = try PNGFile.readMetadata(file)
            } catch let error as ImagingError {
                // Refusing the file outright is also bounded.
                _ = error
                return
            }
            #expect(metadata.text.count <= limits.maxTextChunks, "\(hostile.label)")
            #expect(metadata.text.allSatisfy { $0.text.utf8.count <= limits.maxTextBytes }, "\(hostile.label)")
            #expect(!metadata.warnings.isEmpty, "\(hostile.label): nothing was dropped, or it was dropped silently")
            do {
                let decoded = try PNGFile.read(file)
                #expect(decoded.metadata.text.count <= limits.maxTextChunks)
            } catch is ImagingError {}
        }
        #expect(Date().timeIntervalSince(started) < 20, "\(hostile.label) took too long")
    }

    /// Every prefix of a valid PNG with text is refused with a typed error (or, for the prefixes
    /// that end after IEND's data, read whole).
    @Test func truncatedFilesAreRefused() throws {
        let image = try RGBImage(width: 5, height: 4, pixels: (0..<60).map { UInt8($0 * 4) })
        let whole = try PNGCodec.encode(image, text: [PNGTextChunk(keyword: "parameters", text: "a cat\nSteps: 2"),
                                                      PNGTextChunk(keyword: "sdxl", text: "{}", compressed: true)])
        var refused = 0
        for length in 0..<(whole.count - 12) {
            do {
                _ = try PNGCodec.decode(Array(whole[..<length]))
                Issue.record("a PNG cut at \(length) of \(whole.count) bytes decoded")
            } catch is ImagingError {
                refused += 1
            }
        }
        #expect(refused == whole.count - 12)
    }
}
