// The tiny decoder against diffusers' AutoencoderTiny.decode (Tools/make_tae_fixtures.py).
import Foundation
import Testing
import Models
import Tensors

@Suite struct AutoencoderTinyParityTests {
    @Test(arguments: ["square", "batch"])
    func decodeFromTheFolderMatchesDiffusers(_ name: String) throws {
        let model = try AutoencoderTiny.load(from: try TinyAutoencoderFixture.folder())
        let (latents, expected) = try TinyAutoencoderFixture.decodeCase(name)
        let decoded = model.decode(latents)
        #expect(decoded.shape == expected.shape)
        let difference = maxAbsoluteDifference(decoded, expected)
        #expect(difference <= decodeTolerance, "case \(name): max |Δ| = \(difference)")
    }

    @Test func aLatentBecomesAnEightTimesLargerPicture() throws {
        let model = try AutoencoderTiny.load(from: try TinyAutoencoderFixture.folder())
        #expect(model.upsamplingFactor == 8)
        let (latents, expected) = try TinyAutoencoderFixture.decodeCase("square")
        #expect(latents.shape == [1, 4, 8, 8])
        #expect(model.decode(latents).shape == [1, 3, 64, 64])
        // The reference spans [-1, 1] and more: nothing is clamped after x · 2 − 1.
        let values = expected.scalars
        #expect((values.min() ?? 0) < -1 && (values.max() ?? 0) > 0.5)
    }

    @Test(arguments: ["diffusers", "original"])
    func decodeFromASingleFP16FileMatchesDiffusers(_ naming: String) throws {
        let file = naming == "diffusers" ? try TinyAutoencoderFixture.decoderFile()
                                         : try TinyAutoencoderFixture.originalDecoderFile()
        let model = try AutoencoderTiny.load(from: file, config: try TinyAutoencoderFixture.config())
        for name in ["square", "batch"] {
            let (latents, expected) = try TinyAutoencoderFixture.decodeCase(name)
            let difference = maxAbsoluteDifference(model.decode(latents), expected)
            #expect(difference <= decodeTolerance, "\(naming) naming, case \(name): max |Δ| = \(difference)")
        }
    }

    @Test func hugeLatentsAreSquashedBeforeTheFirstConvolution() throws {
        // tanh(x / 3) · 3 saturates at ±3: latents 10^6× and 10^8× the fixture's (whose smallest
        // magnitude is far above 10^-5) decode to the same picture, which they would not if they
        // reached the convolutions as they are.
        let model = try AutoencoderTiny.load(from: try TinyAutoencoderFixture.folder())
        let (latents, expected) = try TinyAutoencoderFixture.decodeCase("square")
        #expect(latents.scalars.allSatisfy { abs($0) > 1e-5 })
        let large = model.decode(Kernels.scale(latents, by: 1e6))
        let larger = model.decode(Kernels.scale(latents, by: 1e8))
        #expect(large.scalars.allSatisfy { $0.isFinite })
        #expect(maxAbsoluteDifference(large, larger) <= decodeTolerance)
        #expect(maxAbsoluteDifference(large, expected) > 100 * decodeTolerance)
    }

    @Test func decodeScaledDividesByTheScalingFactor() throws {
        let folder = try TinyAutoencoderFixture.folder()
        let (latents, expected) = try TinyAutoencoderFixture.decodeCase("square")
        // TAESD's factor is 1: the diffusion model's latents go in as they are.
        let plain = try AutoencoderTiny.load(from: folder)
        #expect(plain.config.scalingFactor == 1)
        #expect(maxAbsoluteDifference(plain.decodeScaled(latents), expected) <= decodeTolerance)
        // With a factor of 2 the pipelines halve the latents first (exact in float32).
        var config = try TinyAutoencoderFixture.config()
        config.scalingFactor = 2
        let doubled = try AutoencoderTiny.load(from: folder, config: config)
        let scaledUp = Kernels.scale(latents, by: 2)
        #expect(maxAbsoluteDifference(doubled.decodeScaled(scaledUp), expected) <= decodeTolerance)
    }
}
