import Foundation
import Models
import Testing

@Suite("CLIPTextConfig")
struct CLIPTextConfigTests {
    /// stable-diffusion-xl-base-1.0's text_encoder/config.json.
    static let sdxlTextEncoderJSON = """
    {"_name_or_path": "openai/clip-vit-large-patch14", "architectures": ["CLIPTextModel"],
     "attention_dropout": 0.0, "bos_token_id": 0, "dropout": 0.0, "eos_token_id": 2,
     "hidden_act": "quick_gelu", "hidden_size": 768, "initializer_factor": 1.0,
     "initializer_range": 0.02, "intermediate_size": 3072, "layer_norm_eps": 1e-05,
     "max_position_embeddings": 77, "model_type": "clip_text_model", "num_attention_heads": 12,
     "num_hidden_layers": 12, "pad_token_id": 1, "projection_dim": 768, "torch_dtype": "float16",
     "transformers_version": "4.32.0.dev0", "vocab_size": 49408}
    """

    /// stable-diffusion-xl-base-1.0's text_encoder_2/config.json.
    static let sdxlTextEncoder2JSON = """
    {"architectures": ["CLIPTextModelWithProjection"], "attention_dropout": 0.0, "bos_token_id": 0,
     "dropout": 0.0, "eos_token_id": 2, "hidden_act": "gelu", "hidden_size": 1280,
     "initializer_factor": 1.0, "initializer_range": 0.02, "intermediate_size": 5120,
     "layer_norm_eps": 1e-05, "max_position_embeddings": 77, "model_type": "clip_text_model",
     "num_attention_heads": 20, "num_hidden_layers": 32, "pad_token_id": 1, "projection_dim": 1280,
     "torch_dtype": "float16", "transformers_version": "4.32.0.dev0", "vocab_size": 49408}
    """

    static let minimalJSON = """
    {"hidden_size": 8, "intermediate_size": 16, "num_attention_heads": 2, "num_hidden_layers": 3}
    """

    static func decode(_ json: String) throws -> CLIPTextConfig {
        try CLIPTextConfig.decode(Data(json.utf8), path: "text_encoder/config.json")
    }

    @Test func decodesSDXLConfigs() throws {
        #expect(try Self.decode(Self.sdxlTextEncoderJSON) == .sdxlTextEncoder)
        #expect(try Self.decode(Self.sdxlTextEncoder2JSON) == .sdxlTextEncoder2)
        #expect(CLIPTextConfig.sdxlTextEncoder2.headWidth == 64)
    }

    @Test func absentKeysTakeTransformersDefaults() throws {
        let config = try Self.decode(Self.minimalJSON)
        #expect(config.vocabSize == 49_408)
        #expect(config.maxPositionEmbeddings == 77)
        #expect(config.hiddenAct == "quick_gelu")
        #expect(config.layerNormEps == 1e-5)
        #expect(config.projectionDim == 512)
        #expect(config.eosTokenId == 49_407)
        #expect(config.bosTokenId == 49_406)
        #expect(config.padTokenId == 1)
    }

    @Test func nullProjectionIsKeptAsNil() throws {
        let json = Self.minimalJSON.replacingOccurrences(of: "}", with: ", \"projection_dim\": null}")
        #expect(try Self.decode(json).projectionDim == nil)
    }

    @Test func roundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(CLIPTextConfig.sdxlTextEncoder2)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"num_hidden_layers\":32"))
        #expect(try CLIPTextConfig.decode(data, path: "x") == .sdxlTextEncoder2)
    }

    /// (key, JSON value, a word the reason must contain)
    static let absurdValues: [(String, String, String)] = [
        ("hidden_size", "0", "hidden_size"),
        ("hidden_size", "1000000000", "hidden_size"),
        ("hidden_size", "1e30", "hidden_size"),
        ("hidden_size", "\"wide\"", "hidden_size"),
        ("hidden_size", "768.5", "hidden_size"),
        ("hidden_size", "null", "hidden_size"),
        ("hidden_size", "10", "num_attention_heads"),
        ("intermediate_size", "-4", "intermediate_size"),
        ("num_hidden_layers", "-1", "num_hidden_layers"),
        ("num_hidden_layers", "100000", "num_hidden_layers"),
        ("num_attention_heads", "0", "num_attention_heads"),
        ("max_position_embeddings", "0", "max_position_embeddings"),
        ("vocab_size", "0", "vocab_size"),
        ("vocab_size", "9999999999", "vocab_size"),
        ("projection_dim", "0", "projection_dim"),
        ("hidden_act", "\"relu\"", "hidden_act"),
        ("layer_norm_eps", "0", "layer_norm_eps"),
        ("layer_norm_eps", "5", "layer_norm_eps"),
        ("eos_token_id", "60000", "eos_token_id"),
        ("eos_token_id", "[2, 49407]", "eos_token_id"),
    ]

    @Test(arguments: absurdValues.indices)
    func refusesAbsurdValues(_ index: Int) throws {
        let (key, value, word) = Self.absurdValues[index]
        let json = Self.sdxlTextEncoderJSON.replacing(
            try Regex("\"\(key)\": [^,}]+"), with: "\"\(key)\": \(value)")
        #expect(json.contains("\"\(key)\": \(value)"))
        do {
            _ = try Self.decode(json)
            Issue.record("\(key) = \(value) was accepted")
        } catch let ModelError.invalidConfig(path, reason) {
            #expect(path == "text_encoder/config.json")
            #expect(reason.contains(word), "\(reason)")
        }
    }

    @Test func missingSizeKeyIsNamed() throws {
        let json = Self.minimalJSON.replacingOccurrences(of: "\"num_hidden_layers\": 3", with: "\"other\": 3")
        #expect(throws: ModelError.invalidConfig(
            path: "text_encoder/config.json",
            reason: "key 'num_hidden_layers' is missing; a CLIP text encoder config needs it")) {
            try Self.decode(json)
        }
    }

    @Test func refusedBeforeAnyWeightIsRead() throws {
        var config = TinyCLIPWeights.config
        config.numHiddenLayers = 1_000_000_000
        let weights = InMemoryWeights(TinyCLIPWeights.tensors())
        #expect(throws: ModelError.self) { try CLIPTextModel(config: config, weights: weights) }
        config = TinyCLIPWeights.config
        config.projectionDim = nil
        #expect(throws: ModelError.self) { try CLIPTextModelWithProjection(config: config, weights: weights) }
        #expect(weights.readCount == 0)
    }

    @Test func loadsFromFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clip-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.json")
        try Data(Self.sdxlTextEncoder2JSON.utf8).write(to: file)
        #expect(try CLIPTextConfig.load(path: file.path) == .sdxlTextEncoder2)

        let absent = folder.appendingPathComponent("missing.json").path
        #expect(throws: ModelError.missingFile(path: absent, hint: "a text encoder folder needs its config.json")) {
            try CLIPTextConfig.load(path: absent)
        }
    }
}
