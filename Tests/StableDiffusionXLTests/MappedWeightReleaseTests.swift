// Under memory pressure the half-precision pages of weights that wait for the next job (the text
// encoders once the prompt is encoded, the base UNet during the refiner stage) go back to the
// system; the next use reads them from the file again and computes the same values.
import Foundation
import Models
import StableDiffusionXL
import Testing

@Suite struct MappedWeightReleaseTests {
    @Test func releasedEncodersGiveTheSameEmbeddingsAgain() throws {
        let model = try SDXLModel.load(from: DiffusersFolder(TinySDXL.url("base"), residency: .halfPrecision))
        let parameters = GenerationParameters(prompt: "a red circle on a blue background", negativePrompt: "blurry")
        let before = try model.textConditioning(for: parameters)

        let encoders = model.textEncoderWeights
        #expect(encoders.count == 2 && encoders.allSatisfy { $0.bytes > 0 })
        for weights in encoders { #expect(weights.releaseResidentPages() == weights.bytes) }
        let after = try model.textConditioning(for: parameters)
        #expect(after.positive.hidden.scalars == before.positive.hidden.scalars)
        #expect(after.positive.pooled.scalars == before.positive.pooled.scalars)
        #expect(after.negative?.hidden.scalars == before.negative?.hidden.scalars)
    }

    @Test func float32WeightsHaveNothingToRelease() throws {
        let model = try SDXLModel.load(from: DiffusersFolder(TinySDXL.url("base"), residency: .float32))
        #expect(model.textEncoderWeights.allSatisfy { $0.bytes == 0 && $0.releaseResidentPages() == 0 })
        #expect(model.unet.mappedWeights.bytes == 0)
    }
}
