import Foundation
import Imaging
import Jobs
import Testing

@Suite("Latent RGB previews")
struct LatentPreviewTests {
    @Test("ComfyUI's SDXL factors, second image of a batch, match torch within 1/255")
    func comfyUIFactors() throws {
        let fixture = try PreviewFixture.load()
        let image = try LatentPreview.image(latent: fixture.latent, shape: fixture.latentShape, batchIndex: 1)
        #expect(image.width == fixture.latentShape[3])
        #expect(image.height == fixture.latentShape[2])
        #expect(image.pixels.count == fixture.comfyuiSdxlBatch1.count)
        #expect(largestDifference(image.pixels, fixture.comfyuiSdxlBatch1) <= 1)
        // Truncation, not rounding: most bytes agree exactly.
        let exact = zip(image.pixels, fixture.comfyuiSdxlBatch1).filter { $0 == $1 }.count
        #expect(exact >= image.pixels.count * 95 / 100)
    }

    @Test("AUTOMATIC1111's cheap SDXL approximation matches torch within 1/255")
    func a1111Factors() throws {
        let fixture = try PreviewFixture.load()
        let image = try LatentPreview.image(latent: fixture.latent, shape: fixture.latentShape, batchIndex: 0,
                                            factors: .sdxlA1111)
        #expect(largestDifference(image.pixels, fixture.a1111SdxlBatch0) <= 1)
        // The two sets of published numbers give visibly different pictures of the same latent.
        let comfy = try LatentPreview.image(latent: fixture.latent, shape: fixture.latentShape, batchIndex: 0)
        #expect(largestDifference(image.pixels, comfy.pixels) > 10)
    }

    @Test("a zero latent shows the bias colour")
    func zeroLatentIsBias() throws {
        let image = try LatentPreview.image(latent: [Float](repeating: 0, count: 4 * 2 * 3), shape: [1, 4, 2, 3])
        // ((0.1084 + 1) / 2) * 255 = 141.3, ((-0.0175 + 1) / 2) * 255 = 125.3, ((-0.0011 + 1) / 2) * 255 = 127.4
        #expect(image.pixel(x: 2, y: 1)! == (141, 125, 127))
    }

    @Test("wrong shapes, channel counts and NaN are errors that say what is wrong")
    func rejectsBadInput() throws {
        #expect(throws: JobsError.self) { try LatentPreview.image(latent: [Float](repeating: 0, count: 12), shape: [4, 3]) }
        #expect(throws: JobsError.self) {
            try LatentPreview.image(latent: [Float](repeating: 0, count: 3 * 4), shape: [1, 3, 2, 2])
        }
        #expect(throws: JobsError.self) {
            try LatentPreview.image(latent: [Float](repeating: 0, count: 15), shape: [1, 4, 2, 2])
        }
        #expect(throws: JobsError.self) {
            try LatentPreview.image(latent: [Float](repeating: 0, count: 16), shape: [1, 4, 2, 2], batchIndex: 1)
        }
        var latent = [Float](repeating: 0, count: 16)
        latent[2 * 4 + 3] = .nan
        do {
            _ = try LatentPreview.image(latent: latent, shape: [1, 4, 2, 2])
            Issue.record("a NaN latent gave a picture")
        } catch let error as JobsError {
            #expect(error == .nonFiniteLatent(channel: 2, x: 1, y: 1))
            #expect(error.description.contains("channel 2, x 1, y 1"))
        }
    }

    @Test("factors are validated")
    func factorValidation() throws {
        #expect(throws: JobsError.self) { try LatentRGBFactors(rows: [[1, 2]], source: "test") }
        #expect(throws: JobsError.self) { try LatentRGBFactors(rows: [[1, 2, 3]], bias: [0], source: "test") }
        #expect(throws: JobsError.self) { try LatentRGBFactors(rows: [[1, .nan, 3]], source: "test") }
        let custom = try LatentRGBFactors(rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], source: "identity")
        let image = try LatentPreview.image(latent: [0.5, -1, 1], shape: [1, 3, 1, 1], factors: custom)
        #expect(image.pixel(x: 0, y: 0)! == (191, 0, 255))
    }
}

@Suite("Preview scaling")
struct PreviewScalingTests {
    @Test("bilinear and nearest resizing match torch's interpolate within 1/255")
    func matchesTorch() throws {
        let fixture = try PreviewFixture.load()
        let source = try RGBImage(width: fixture.image.width, height: fixture.image.height, pixels: fixture.image.pixels)
        #expect(fixture.resized.count == 6)
        for expected in fixture.resized {
            let filter: PreviewFilter = expected.mode == "bilinear" ? .bilinear : .nearest
            let result = try source.resized(width: expected.width, height: expected.height, filter: filter)
            #expect(result.width == expected.width && result.height == expected.height)
            let tolerance = filter == .nearest ? 0 : 1
            #expect(largestDifference(result.pixels, expected.pixels) <= tolerance,
                    "\(expected.mode) to \(expected.width)x\(expected.height)")
        }
    }

    @Test("scaling to fit keeps the aspect ratio and fills one side")
    func scaledToFit() throws {
        let image = try RGBImage(width: 16, height: 9, red: 10, green: 20, blue: 30)
        let wide = try image.scaledToFit(width: 64, height: 64, filter: .nearest)
        #expect(wide.width == 64 && wide.height == 36)
        let tall = try image.scaledToFit(width: 32, height: 9, filter: .bilinear)
        #expect(tall.width == 16 && tall.height == 9)
        #expect(tall.pixel(x: 5, y: 5)! == (10, 20, 30))
        #expect(throws: JobsError.self) { try image.scaledToFit(width: 0, height: 10, filter: .nearest) }
    }

    @Test("nearest upscaling by a whole factor repeats each pixel in a block")
    func nearestBlocks() throws {
        let image = try RGBImage(width: 2, height: 1, pixels: [0, 0, 0, 255, 255, 255])
        let big = try image.resized(width: 8, height: 4, filter: .nearest)
        for y in 0..<4 {
            for x in 0..<8 {
                let value: UInt8 = x < 4 ? 0 : 255
                #expect(big.pixel(x: x, y: y)! == (value, value, value))
            }
        }
    }
}

@Suite("Latent RGB factors files")
struct LatentRGBFactorsFileTests {
    @Test("a fitted factors file loads and drives the preview; a bad one is an error naming it")
    func loadsFittedFactors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("factors.json")
        let text = #"{"source": "fit", "rows": [[0.5, 0, 0], [0, 0.5, 0], [0, 0, 0.5], [0.1, 0.1, 0.1]], "bias": [0, 0.1, -0.1], "mean_abs_error_255": 3.2}"#
        try Data(text.utf8).write(to: url)
        let factors = try LatentRGBFactors(contentsOf: url)
        #expect(factors.channels == 4 && factors.source == "fit")
        let image = try LatentPreview.image(latent: [1, 1, 1, 0], shape: [1, 4, 1, 1], factors: factors)
        // (0.5 + 1) / 2 × 255 = 191.25; (0.6 + 1) / 2 × 255 = 204; (0.4 + 1) / 2 × 255 = 178.5
        #expect(image.pixel(x: 0, y: 0)! == (191, 204, 178))

        try Data(#"{"rows": [[1, 2]]}"#.utf8).write(to: url)
        #expect(throws: JobsError.self) { try LatentRGBFactors(contentsOf: url) }
        try Data("not json".utf8).write(to: url)
        do {
            _ = try LatentRGBFactors(contentsOf: url)
            Issue.record("garbage loaded as factors")
        } catch let error as JobsError {
            #expect(error.description.contains(url.path))
        }
    }
}
