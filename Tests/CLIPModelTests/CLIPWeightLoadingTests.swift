import Models
import Tensors
import Testing

@Suite("CLIP text encoder weight loading")
struct CLIPWeightLoadingTests {
    let config = TinyCLIPWeights.config
    let ids: [[Int32]] = [[0, 9, 17, 2, 1, 1, 1], [0, 33, 4, 48, 2, 1, 1]]

    @Test func wrongShapeNamesKeyAndBothShapes() throws {
        var tensors = TinyCLIPWeights.tensors()
        let key = "text_model.encoder.layers.1.mlp.fc1.weight"
        tensors[key] = Tensor(zeros: [15, 8])
        let weights = InMemoryWeights(tensors, origin: "text_encoder_2/model.safetensors")
        #expect(throws: ModelError.shapeMismatch(key: key, expected: [16, 8], found: [15, 8],
                                                origin: "text_encoder_2/model.safetensors")) {
            try CLIPTextModelWithProjection(config: config, weights: weights)
        }
        let message = ModelError.shapeMismatch(key: key, expected: [16, 8], found: [15, 8], origin: "f").description
        #expect(message.contains(key) && message.contains("[15, 8]") && message.contains("[16, 8]"))
    }

    @Test func wrongProjectionShapeIsNamed() throws {
        var tensors = TinyCLIPWeights.tensors()
        tensors["text_projection.weight"] = Tensor(zeros: [8, 8])
        #expect(throws: ModelError.shapeMismatch(key: "text_projection.weight", expected: [6, 8], found: [8, 8],
                                                origin: "in-memory weights")) {
            try CLIPTextModelWithProjection(config: config, weights: InMemoryWeights(tensors))
        }
    }

    @Test func missingTensorIsNamed() throws {
        var tensors = TinyCLIPWeights.tensors()
        tensors["text_model.encoder.layers.2.self_attn.v_proj.bias"] = nil
        #expect(throws: ModelError.missingTensor(key: "text_model.encoder.layers.2.self_attn.v_proj.bias",
                                                origin: "in-memory weights")) {
            try CLIPTextModel(config: config, weights: InMemoryWeights(tensors))
        }
        #expect(throws: ModelError.missingTensor(key: "text_model.embeddings.token_embedding.weight",
                                                origin: "in-memory weights")) {
            try CLIPTextModel(config: config, weights: InMemoryWeights([:]))
        }
    }

    @Test func flattenedNamesLoadTheSameModel() throws {
        let published = InMemoryWeights(TinyCLIPWeights.tensors())
        let flattened = published.renamed { name in
            name.hasPrefix("text_model.") ? String(name.dropFirst("text_model.".count)) : name
        }
        #expect(!flattened.names.contains { $0.hasPrefix("text_model.") })
        let a = try CLIPTextModelWithProjection(config: config, weights: published)(ids)
        let b = try CLIPTextModelWithProjection(config: config, weights: flattened)(ids)
        #expect(a.hiddenState.scalars == b.hiddenState.scalars)
        #expect(a.textEmbeds?.scalars == b.textEmbeds?.scalars)
        let c = try CLIPTextModel(config: config, weights: flattened)(ids)
        #expect(c.hiddenState.scalars == a.hiddenState.scalars)
        #expect(c.pooled?.scalars == a.pooled?.scalars)
    }
}
