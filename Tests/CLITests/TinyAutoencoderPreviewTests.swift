import Foundation
import Imaging
import Testing

@Suite("TAESDXL previews from sdxl generate --tae", .serialized)
struct TinyAutoencoderPreviewTests {
    static let tae = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TinyAutoencoderTests/Fixtures/taesd-tiny").path

    @Test("full-size previews every step, and the image is the one made without previews")
    func previewsAtFullSize() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let common = ["generate", "--model", SDXLBinary.fixtures.appendingPathComponent("base").path,
                      "--prompt", "a red circle", "--width", "64", "--height", "48", "--steps", "3", "--seed", "5"]
        let withPreviews = try SDXLBinary.run(common + ["--tae", Self.tae, "--preview-dir", "previews",
                                                        "--preview-decoder", "taesdxl", "--preview-every", "1",
                                                        "--output", "with.png"], in: folder)
        #expect(withPreviews.status == 0, "\(withPreviews.standardError)")
        let previews = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("previews").path)
            .filter { $0.hasSuffix(".png") }.sorted()
        #expect(previews.count == 3, "\(previews)")
        for name in previews {
            let image = try PNGFile.read(folder.appendingPathComponent("previews/\(name)")).image
            #expect(image.width == 64 && image.height == 48)
        }
        let without = try SDXLBinary.run(common + ["--output", "without.png"], in: folder)
        #expect(without.status == 0)
        #expect(try PNGFile.read(folder.appendingPathComponent("with.png")).image
                == PNGFile.read(folder.appendingPathComponent("without.png")).image)
    }

    @Test("asking for TAESDXL previews without --tae is one clear line")
    func needsWeights() throws {
        let result = try SDXLBinary.run(["generate", "--model", SDXLBinary.fixtures.appendingPathComponent("base").path,
                                         "--prompt", "x", "--preview-dir", "p", "--preview-decoder", "taesdxl"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--tae"))
        #expect(result.standardError.split(separator: "\n").count == 1)
    }
}
