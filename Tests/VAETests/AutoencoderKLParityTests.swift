// Encoding and decoding of the tiny SDXL VAE against diffusers' AutoencoderKL outputs
// (expected/vae.safetensors: a 48×80 image and a 5×7 latent, both non-square).
import Foundation
import Testing
import SafeTensors
import Tensors
@testable import Models

@Suite struct AutoencoderKLParityTests {
    /// Compares encode (mean, logvar, std) and decode with the recorded outputs.
    static func expectMatchesReference(_ vae: AutoencoderKL, _ form: String) throws {
        let cases = try TinyVAEFixture.vaeCases()
        let image = try cases.tensor(named: "encode.x")                 // [1, 3, 48, 80]
        let distribution = vae.encode(image)
        let mean = try cases.tensor(named: "encode.mean")               // [1, 4, 6, 10]
        #expect(distribution.mean.shape == mean.shape)
        #expect(relativeError(distribution.mean, mean) <= networkTolerance, "\(form): mean")
        #expect(relativeError(distribution.logVariance, try cases.tensor(named: "encode.logvar")) <= networkTolerance,
                "\(form): logvar")
        #expect(relativeError(distribution.standardDeviation, try cases.tensor(named: "encode.std")) <= networkTolerance,
                "\(form): std")

        let latents = try cases.tensor(named: "decode.z")               // [1, 4, 5, 7]
        let decoded = vae.decode(latents)                               // [1, 3, 40, 56]
        let reference = try cases.tensor(named: "decode.out")
        #expect(decoded.shape == [1, 3, 40, 56])
        #expect(relativeError(decoded, reference) <= networkTolerance, "\(form): decode")
    }

    @Test func plainFP32FolderMatchesDiffusers() throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        #expect(vae.config.blockOutChannels == [8, 16, 24, 24])
        #expect(vae.latentSize(height: 48, width: 80) == (6, 10))
        try Self.expectMatchesReference(vae, "plain fp32")
    }

    @Test func fp16VariantMatchesDiffusers() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try VAEWeightForms.writeFP16Variant(into: folder)
        // Only the fp16 file exists: the default preference (standard, then fp16) must find it.
        let vae = try AutoencoderKL(folder: folder.path)
        try Self.expectMatchesReference(vae, "fp16 variant")
    }

    @Test func shardedWeightsMatchDiffusers() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try VAEWeightForms.writeSharded(into: folder)
        let vae = try AutoencoderKL(folder: folder.path, preferring: [.standard])
        try Self.expectMatchesReference(vae, "sharded")
    }

    @Test func singleFileCheckpointVAEMatchesDiffusers() throws {
        let config = try TinyVAEFixture.config()
        let weights = try VAEWeightForms.singleFileWeights(levels: config.blockOutChannels.count)
        let vae = try AutoencoderKL(config: config, weights: WeightLoader(weights))
        try Self.expectMatchesReference(vae, "single file")
    }

    @Test func aBatchDecodesEachImageAsIfAlone() throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        let latents = try TinyVAEFixture.vaeCases().tensor(named: "decode.z")
        let other = Kernels.scale(latents, by: -0.5)
        let batch = Kernels.concatBatch([latents, other])               // [2, 4, 5, 7]
        let decoded = Kernels.batchItems(vae.decode(batch))
        #expect(decoded.count == 2)
        #expect(decoded[0].scalars == vae.decode(latents).scalars)
        #expect(decoded[1].scalars == vae.decode(other).scalars)
        #expect(decoded[0].scalars != decoded[1].scalars)
    }

    @Test func aBatchEncodesEachImageAsIfAlone() throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        let image = try TinyVAEFixture.vaeCases().tensor(named: "encode.x")
        let flipped = Kernels.scale(image, by: -1)
        let both = vae.encode(Kernels.concatBatch([image, flipped]))
        let means = Kernels.batchItems(both.mean)
        #expect(relativeError(means[0], vae.encode(image).mean) <= 1e-6)
        #expect(relativeError(means[1], vae.encode(flipped).mean) <= 1e-6)
    }

    @Test func sizesThatAreNotMultiplesOfEightFollowDiffusersShapes() throws {
        let vae = try AutoencoderKL(folder: TinyVAEFixture.vaeFolder)
        let image = try TinyVAEFixture.vaeCases().tensor(named: "encode.x")   // [1, 3, 48, 80]
        // Crop to 45×77 by copying rows: each stride-2 level floors the size (45 → 22 → 11 → 5).
        var cropped = Tensor(zeros: [1, 3, 45, 77])
        cropped.withUnsafeMutableBufferPointer { destination in
            for c in 0..<3 { for y in 0..<45 { for x in 0..<77 {
                destination[(c * 45 + y) * 77 + x] = image[flat: (c * 48 + y) * 80 + x]
            } } }
        }
        let distribution = vae.encode(cropped)
        #expect(distribution.shape == [1, 4, 5, 9])
        #expect(vae.latentSize(height: 45, width: 77) == (5, 9))
        #expect(distribution.mean.scalars.allSatisfy { $0.isFinite })
    }
}
