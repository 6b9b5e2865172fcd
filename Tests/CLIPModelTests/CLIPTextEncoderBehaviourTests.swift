import Models
import Tensors
import Testing

/// Properties of the encoder that hold for any weights: causality, batch independence,
/// the hidden-state numbering, and input checks. Numerical parity is in CLIPFixtureParityTests.
@Suite("CLIP text encoder behaviour")
struct CLIPTextEncoderBehaviourTests {
    let config = TinyCLIPWeights.config
    let weights = InMemoryWeights(TinyCLIPWeights.tensors())
    let ids: [[Int]] = [[0, 9, 17, 2, 1, 1, 1], [0, 33, 4, 48, 2, 1, 1]]

    @Test func shapes() throws {
        let output = try CLIPTextModelWithProjection(config: config, weights: weights)(ids)
        #expect(output.hiddenState.shape == [2, 7, 8])
        #expect(output.pooled?.shape == [2, 8])
        #expect(output.textEmbeds?.shape == [2, 6])
    }

    @Test func laterTokensDoNotChangeEarlierStates() throws {
        let model = try CLIPTextModel(config: config, weights: weights)
        var changed = ids
        changed[0][5] = 40
        let a = try model(ids).hiddenState.scalars, b = try model(changed).hiddenState.scalars
        let width = config.hiddenSize, length = ids[0].count
        #expect(a[0..<(5 * width)] == b[0..<(5 * width)])
        #expect(a[(5 * width)..<(6 * width)] != b[(5 * width)..<(6 * width)])
        #expect(a[(length * width)...] == b[(length * width)...])
    }

    /// Equal up to float rounding, which OpenBLAS does differently with a product's row count and
    /// which grows through the layers; mixing rows up would differ by the values' own size.
    @Test func rowsAreEncodedIndependently() throws {
        let model = try CLIPTextModelWithProjection(config: config, weights: weights)
        let both = try model(ids)
        let second = try model([ids[1]])
        let half = both.hiddenState.count / 2
        #expect(relativeDifference(Array(both.hiddenState.scalars[half...]), second.hiddenState.scalars) < 1e-5)
        #expect(relativeDifference(Array(both.textEmbeds?.scalars[6...] ?? []), second.textEmbeds?.scalars ?? [1]) < 1e-5)
    }

    @Test func stoppingEarlyKeepsThePenultimateState() throws {
        let model = try CLIPTextModel(config: config, weights: weights)
        let full = try model(ids), early = try model(ids, pooling: false)
        #expect(early.pooled == nil)
        #expect(early.hiddenState.scalars == full.hiddenState.scalars)
    }

    @Test func clipSkipCountsBackFromThePenultimateLayer() throws {
        // hidden_states[-3] of 3 layers = output of layer 1 = hidden_states[-2] of the 2-layer prefix.
        var shallow = config
        shallow.numHiddenLayers = 2
        let deep = try CLIPTextModel(config: config, weights: weights)(ids, clipSkip: 1)
        let cut = try CLIPTextModel(config: shallow, weights: weights)(ids)
        #expect(deep.hiddenState.scalars == cut.hiddenState.scalars)
        // clip skip 2 reaches the embeddings themselves (hidden_states[0]).
        let embeddings = try CLIPTextModel(config: config, weights: weights)(ids, clipSkip: 2, pooling: false)
        let table = weights.tensors["text_model.embeddings.token_embedding.weight"]?.scalars ?? []
        let positions = weights.tensors["text_model.embeddings.position_embedding.weight"]?.scalars ?? []
        let width = config.hiddenSize
        let expected = (0..<width).map { table[9 * width + $0] + positions[width + $0] }
        #expect(Array(embeddings.hiddenState.scalars[width..<(2 * width)]) == expected)
    }

    @Test func idTypesGiveTheSameResult() throws {
        let model = try CLIPTextModel(config: config, weights: weights)
        let wide = try model(ids).hiddenState.scalars
        let narrow = try model(ids.map { $0.map(Int32.init) }).hiddenState.scalars
        #expect(wide == narrow)
    }

    @Test func poolingPositionFollowsTransformers() throws {
        // eos_token_id 2 (SDXL's configs): the first largest id.
        let legacy = try CLIPTokenBatch([[49406, 320, 49407, 49407, 49407], [49406, 49407, 0, 0, 0]],
                                        config: .sdxlTextEncoder, origin: "t")
        #expect(legacy.poolingPositions(eosTokenID: 2) == [2, 1])
        // Any other eos id: its first occurrence, or 0 when absent.
        var modern = CLIPTextConfig.sdxlTextEncoder
        modern.eosTokenId = 49407
        let batch = try CLIPTokenBatch([[49406, 320, 49407, 0, 0], [49406, 320, 0, 0, 0]], config: modern, origin: "t")
        #expect(batch.poolingPositions(eosTokenID: 49407) == [2, 0])
    }

    @Test func pooledOutputIsTheNormalisedLastStateAtTheEOSRow() throws {
        let model = try CLIPTextModel(config: config, weights: weights).textModel
        // Row 0's largest id is 17 (position 2), row 1's is 48 (position 3): eos_token_id is 2 here.
        let tokens = try model.tokenBatch(ids)
        let (last, pooled) = model.encode(tokens, hiddenStateIndex: config.numHiddenLayers, pooling: true)
        let width = config.hiddenSize, length = ids[0].count
        let rows = Kernels.gatherRows(last.reshaped([2 * length, width]), indices: [2, length + 3])
        let expected = Kernels.layerNorm(rows, weight: model.finalLayerNorm.weight,
                                         bias: model.finalLayerNorm.bias, epsilon: 1e-5)
        #expect(pooled?.scalars == expected.scalars)
    }

    @Test func refusesInputsThatDoNotFit() throws {
        let model = try CLIPTextModel(config: config, weights: weights)
        let origin = "in-memory weights"
        for bad: [[Int]] in [[], [[]], [[0, 50]], [[0, -1]], [[0, 1], [0]], [[0, 1, 1, 1, 1, 1, 1, 1]]] {
            do {
                _ = try model(bad)
                Issue.record("\(bad) was accepted")
            } catch let ModelError.invalidConfig(path, _) {
                #expect(path == origin)
            }
        }
        #expect(throws: ModelError.self) { try model(ids, clipSkip: 3) }
        #expect(throws: ModelError.self) { try model(ids, clipSkip: -1) }
    }
}

func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// `maxDifference` relative to the largest magnitude in `b`.
func relativeDifference(_ a: [Float], _ b: [Float]) -> Float {
    maxDifference(a, b) / max(b.map(abs).max() ?? 0, .leastNormalMagnitude)
}
