// Under memory pressure the text encoders' half-precision pages go back to the system once the
// prompt is encoded (SDXLModel+Memory.swift); the next prompt reads them from the file again.
import Foundation
import Models
import StableDiffusionXL
import Testing

@Suite struct TextEncoderReleaseTests {
    @Test func releasedEncodersGiveTheSameEmbeddingsAgain() throws {
        let model = try SDXLModel.load(from: DiffusersFolder(TinySDXL.url("base"), residency: .halfPrecision))
        let parameters = GenerationParameters(prompt: "a red circle on a blue background", negativePrompt: "blurry")
        let before = try model.textConditioning(for: parameters)

        #expect(model.textEncoderHalfBytes > 0)
        #expect(model.releaseTextEncoderPages() == model.textEncoderHalfBytes)
        let after = try model.textConditioning(for: parameters)
        #expect(after.positive.hidden.scalars == before.positive.hidden.scalars)
        #expect(after.positive.pooled.scalars == before.positive.pooled.scalars)
        #expect(after.negative?.hidden.scalars == before.negative?.hidden.scalars)
    }

    @Test func float32EncodersHaveNothingToRelease() throws {
        let model = try SDXLModel.load(from: DiffusersFolder(TinySDXL.url("base"), residency: .float32))
        #expect(model.textEncoderHalfBytes == 0)
        #expect(model.releaseTextEncoderPages() == 0)
    }
}
