import Foundation
import Models
import SafeTensors
import Tensors
import Testing

/// Parity with transformers 5.24.0 on the tiny SDXL base's text encoders (fp16 files, `text_model.`
/// keys, an int64 position_ids tensor), for the prompts and token ids of the fixture manifest.
@Suite("CLIP text encoders against transformers")
struct CLIPFixtureParityTests {
    static let tolerance: Float = 1e-4

    static func loadTextEncoder() throws -> CLIPTextModel {
        let config = try CLIPTextConfig.load(path: TinySDXLFixture.path("base/text_encoder/config.json"))
        let weights = try SafeTensorsWeights(path: TinySDXLFixture.path("base/text_encoder/model.fp16.safetensors"))
        #expect(weights.source.info(named: "text_model.embeddings.position_ids")?.dtype == .int64)
        return try CLIPTextModel(config: config, weights: weights)
    }

    static func loadTextEncoder2() throws -> CLIPTextModelWithProjection {
        let config = try CLIPTextConfig.load(path: TinySDXLFixture.path("base/text_encoder_2/config.json"))
        let weights = try SafeTensorsWeights(path: TinySDXLFixture.path("base/text_encoder_2/model.fp16.safetensors"))
        return try CLIPTextModelWithProjection(config: config, weights: weights)
    }

    /// max|actual − expected| / max|expected|, after checking shapes.
    static func relativeError(_ actual: Tensor?, _ expected: Tensor) -> Float {
        guard let actual, actual.shape == expected.shape else { return .infinity }
        let scale = expected.scalars.reduce(0) { max($0, abs($1)) }
        return maxDifference(actual.scalars, expected.scalars) / max(scale, .leastNormalMagnitude)
    }

    @Test func fixtureIsPresent() {
        #expect(TinySDXLFixture.textEncoderCases.count >= 2,
                "run python3 Tools/make_sdxl_fixtures.py to write \(TinySDXLFixture.root.path)")
    }

    @Test(arguments: TinySDXLFixture.textEncoderCases)
    func textEncoder(_ sample: TinySDXLFixture.TextEncoderCase) throws {
        let model = try Self.loadTextEncoder()
        let expected = try TinySDXLFixture.expectedTextEncoderOutputs()
        let ids = [sample.tokenizerIDs]
        #expect(try model.textModel.tokenBatch(ids).poolingPositions(eosTokenID: model.config.eosTokenId)
                == [sample.pooledPositionTE1])

        let output = try model(ids)
        let penultimate = try expected.tensor(named: "\(sample.name).te1_penultimate")
        #expect(Self.relativeError(output.hiddenState, penultimate) <= Self.tolerance)
        let pooled = try expected.tensor(named: "\(sample.name).te1_pooled")
        #expect(Self.relativeError(output.pooled, pooled) <= Self.tolerance)

        // SDXL's path: stop after layer L − 1, same penultimate state, no pooled output.
        let early = try model(ids.map { $0.map(Int32.init) }, pooling: false)
        #expect(early.pooled == nil)
        #expect(early.hiddenState.scalars == output.hiddenState.scalars)

        // transformers' last_hidden_state: the last layer's output through final_layer_norm.
        let textModel = model.textModel
        let (last, _) = textModel.encode(try textModel.tokenBatch(ids),
                                         hiddenStateIndex: model.config.numHiddenLayers, pooling: false)
        let lastHidden = try expected.tensor(named: "\(sample.name).te1_last_hidden")
        #expect(Self.relativeError(textModel.finalLayerNorm(last), lastHidden) <= Self.tolerance)
    }

    @Test(arguments: TinySDXLFixture.textEncoderCases)
    func textEncoder2(_ sample: TinySDXLFixture.TextEncoderCase) throws {
        let model = try Self.loadTextEncoder2()
        let expected = try TinySDXLFixture.expectedTextEncoderOutputs()
        let ids = [sample.tokenizer2IDs]
        #expect(try model.textModel.tokenBatch(ids).poolingPositions(eosTokenID: model.config.eosTokenId)
                == [sample.pooledPositionTE2])

        let output = try model(ids)
        let penultimate = try expected.tensor(named: "\(sample.name).te2_penultimate")
        #expect(Self.relativeError(output.hiddenState, penultimate) <= Self.tolerance)
        let pooled = try expected.tensor(named: "\(sample.name).te2_pooled")
        #expect(Self.relativeError(output.pooled, pooled) <= Self.tolerance)
        let textEmbeds = try expected.tensor(named: "\(sample.name).te2_text_embeds")
        #expect(Self.relativeError(output.textEmbeds, textEmbeds) <= Self.tolerance)
    }

    @Test func batchOfAllPromptsMatchesEachPrompt() throws {
        let cases = TinySDXLFixture.textEncoderCases
        try #require(cases.count >= 2)
        let model = try Self.loadTextEncoder2()
        let expected = try TinySDXLFixture.expectedTextEncoderOutputs()
        let output = try model(cases.map(\.tokenizer2IDs))
        let width = model.config.hiddenSize, projection = model.config.projectionDim ?? 0
        for (row, sample) in cases.enumerated() {
            let hidden = Tensor(shape: [1, 77, width], scalars: Array(
                output.hiddenState.scalars[(row * 77 * width)..<((row + 1) * 77 * width)]))
            #expect(Self.relativeError(hidden, try expected.tensor(named: "\(sample.name).te2_penultimate")) <= Self.tolerance)
            let embeds = Tensor(shape: [1, projection], scalars: Array(
                (output.textEmbeds?.scalars ?? [])[(row * projection)..<((row + 1) * projection)]))
            #expect(Self.relativeError(embeds, try expected.tensor(named: "\(sample.name).te2_text_embeds")) <= Self.tolerance)
        }
    }
}
