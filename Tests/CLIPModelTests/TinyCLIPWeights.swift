// Deterministic weights of the right shapes for a tiny CLIP text encoder, under transformers' names.
import Foundation
import Models
import Tensors

enum TinyCLIPWeights {
    static let config = CLIPTextConfig(
        vocabSize: 50, hiddenSize: 8, intermediateSize: 16, projectionDim: 6, numHiddenLayers: 3,
        numAttentionHeads: 2, maxPositionEmbeddings: 7, hiddenAct: "gelu", layerNormEps: 1e-5,
        eosTokenId: 2, bosTokenId: 0, padTokenId: 1)

    /// Every tensor `CLIPTextModelWithProjection` reads, with the `text_model.` prefix, plus an
    /// int64-style `position_ids` entry that the model must ignore.
    static func tensors(for config: CLIPTextConfig = config) -> [String: Tensor] {
        let d = config.hiddenSize, inner = config.intermediateSize
        var shapes: [String: [Int]] = [
            "text_model.embeddings.token_embedding.weight": [config.vocabSize, d],
            "text_model.embeddings.position_embedding.weight": [config.maxPositionEmbeddings, d],
            "text_model.final_layer_norm.weight": [d],
            "text_model.final_layer_norm.bias": [d],
            "text_projection.weight": [config.projectionDim ?? d, d],
        ]
        for layer in 0..<config.numHiddenLayers {
            let prefix = "text_model.encoder.layers.\(layer)."
            for norm in ["layer_norm1", "layer_norm2"] {
                shapes[prefix + norm + ".weight"] = [d]
                shapes[prefix + norm + ".bias"] = [d]
            }
            for projection in ["q_proj", "k_proj", "v_proj", "out_proj"] {
                shapes[prefix + "self_attn." + projection + ".weight"] = [d, d]
                shapes[prefix + "self_attn." + projection + ".bias"] = [d]
            }
            shapes[prefix + "mlp.fc1.weight"] = [inner, d]
            shapes[prefix + "mlp.fc1.bias"] = [inner]
            shapes[prefix + "mlp.fc2.weight"] = [d, inner]
            shapes[prefix + "mlp.fc2.bias"] = [d]
        }
        var tensors: [String: Tensor] = [:]
        for (seed, name) in shapes.keys.sorted().enumerated() {
            tensors[name] = pattern(shapes[name] ?? [], seed: seed, isNormWeight: name.hasSuffix("norm1.weight")
                                    || name.hasSuffix("norm2.weight") || name.hasSuffix("final_layer_norm.weight"))
        }
        tensors["text_model.embeddings.position_ids"] = Tensor(
            shape: [1, config.maxPositionEmbeddings], scalars: (0..<config.maxPositionEmbeddings).map(Float.init))
        return tensors
    }

    /// Values in roughly [-0.5, 0.5] (around 1 for norm scales) that differ per tensor and element.
    private static func pattern(_ shape: [Int], seed: Int, isNormWeight: Bool) -> Tensor {
        let count = Tensor.elementCount(shape)
        let values = (0..<count).map { i -> Float in
            let wave = Float(sin(Double(i * 7 + seed * 13) * 0.37)) * 0.5
            return isNormWeight ? 1 + wave * 0.2 : wave
        }
        return Tensor(shape: shape, scalars: values)
    }
}
