import Testing
@testable import Imaging

/// Float ↔ byte conversions against diffusers' VaeImageProcessor (values computed by
/// Tools/make_png_fixtures.py with the installed diffusers).
@Suite struct PixelConversionTests {
    @Test func decoderOutputRoundsExactlyAsDiffusers() throws {
        let size = try Fixtures.expected().vae_output
        let planes = try Fixtures.floats("vae_output.f32")
        let expected = try Fixtures.bytes("vae_output_expected.rgb")
        #expect(planes.count == 3 * size.width * size.height)
        let image = try planes.withUnsafeBufferPointer {
            try RGBImage(normalizedPlanar: $0, width: size.width, height: size.height)
        }
        let mismatches = zip(image.pixels, expected).enumerated().filter { $0.element.0 != $0.element.1 }
        let firstMismatches = mismatches.prefix(5).map { "byte \($0.offset): \($0.element.0) not \($0.element.1)" }
        // Tolerance: none. The fixture puts values on and next to every rounding boundary.
        #expect(mismatches.count == 0, "first mismatches: \(firstMismatches)")
        #expect(image.pixels.count == expected.count)
    }

    @Test func imageToEncoderInputMatchesDiffusers() throws {
        let size = try Fixtures.expected().vae_input
        let source = try RGBImage(width: size.width, height: size.height, pixels: try Fixtures.bytes("vae_input_source.rgb"))
        let expected = try Fixtures.floats("vae_input_expected.f32")
        let values = source.normalizedPlanar()
        #expect(values.count == expected.count)
        // Tolerance: bit-exact (same float32 operations as numpy/torch).
        #expect(zip(values, expected).allSatisfy { $0.bitPattern == $1.bitPattern })

        var buffer = [Float](repeating: .nan, count: expected.count)
        try buffer.withUnsafeMutableBufferPointer { try source.writeNormalizedPlanar(into: $0) }
        #expect(buffer == values)
    }

    @Test func bytesSurviveTheTripThroughFloats() throws {
        var image = try RGBImage(width: 256, height: 1, red: 0, green: 0, blue: 0)
        for x in 0..<256 {
            image.setPixel(x: x, y: 0, red: UInt8(x), green: UInt8(255 - x), blue: UInt8((x * 7) & 255))
        }
        let back = try image.normalizedPlanar().withUnsafeBufferPointer {
            try RGBImage(normalizedPlanar: $0, width: 256, height: 1)
        }
        #expect(back == image)
    }

    @Test func picksOneImageOfABatch() throws {
        let width = 2, height = 1
        // Two images, planar: image 0 all -1 (black), image 1 all +1 (white).
        let batch: [Float] = Array(repeating: -1, count: 6) + Array(repeating: 1, count: 6)
        let (first, second) = try batch.withUnsafeBufferPointer { buffer in
            (try RGBImage(normalizedPlanar: buffer, width: width, height: height, batchIndex: 0),
             try RGBImage(normalizedPlanar: buffer, width: width, height: height, batchIndex: 1))
        }
        #expect(first.pixels == Array(repeating: 0, count: 6))
        #expect(second.pixels == Array(repeating: 255, count: 6))
        for (index, size) in [(2, width), (0, 3)] {
            #expect(throws: ImagingError.self) {
                try batch.withUnsafeBufferPointer { buffer in
                    _ = try RGBImage(normalizedPlanar: buffer, width: size, height: size == 3 ? 3 : height, batchIndex: index)
                }
            }
        }
    }

    @Test func placesChannelsFromPlanarToInterleaved() throws {
        // 2x1 image: red plane [-1, 1], green plane [1, -1], blue plane [0, 0].
        let planes: [Float] = [-1, 1, 1, -1, 0, 0]
        let image = try planes.withUnsafeBufferPointer { try RGBImage(normalizedPlanar: $0, width: 2, height: 1) }
        #expect(image.pixels == [0, 255, 128, 255, 0, 128])
    }

    @Test(arguments: [Float.nan, .infinity, -.infinity, .signalingNaN])
    func rejectsNonFiniteValues(bad: Float) throws {
        var planes = [Float](repeating: 0, count: 3 * 4 * 3)
        planes[2 * 12 + 1 * 4 + 3] = bad // channel 2, y 1, x 3
        planes[2 * 12 + 2 * 4 + 0] = bad // a later one is not the one reported
        do {
            _ = try planes.withUnsafeBufferPointer { try RGBImage(normalizedPlanar: $0, width: 4, height: 3) }
            Issue.record("a non-finite value was accepted")
        } catch let ImagingError.nonFiniteSample(channel, x, y, _) {
            #expect(channel == 2 && x == 3 && y == 1)
        }
    }

    @Test func rejectsPixelBuffersOfTheWrongSize() {
        #expect(throws: ImagingError.pixelCountMismatch(width: 2, height: 2, expected: 12, actual: 11)) {
            try RGBImage(width: 2, height: 2, pixels: Array(repeating: 0, count: 11))
        }
        #expect(throws: ImagingError.invalidImageSize(width: 0, height: 2)) { try RGBImage(width: 0, height: 2, pixels: []) }
        #expect(throws: ImagingError.invalidImageSize(width: Int.max, height: 2)) {
            try RGBImage(width: Int.max, height: 2, red: 0, green: 0, blue: 0)
        }
    }
}
