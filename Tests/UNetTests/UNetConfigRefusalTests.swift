// Configs sdxl must refuse: absurd numbers, inconsistent lists and diffusers features that no
// SDXL-family UNet uses. Each is refused by name before a single weight is looked at.
import Foundation
import Testing
import Models
import Tensors

/// A source without tensors; with `CountingWeights` around it, any access shows.
private struct NoWeights: WeightSource {
    var names: [String] { [] }
    func shape(of name: String) -> [Int]? { nil }
    func tensor(named name: String) throws -> Tensor { throw ModelError.missingTensor(key: name, origin: origin) }
    var origin: String { "no weights" }
}

struct RefusedConfig: CustomTestStringConvertible, Sendable {
    let key: String
    /// The value, as JSON text.
    let json: String
    /// The key the error must quote.
    let named: String

    init(_ key: String, _ json: String, named: String? = nil) {
        self.key = key
        self.json = json
        self.named = named ?? key
    }

    var value: Any {
        get throws { try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) }
    }

    var testDescription: String { "\(key) = \(json)" }
}

@Suite struct UNetConfigRefusalTests {
    static let cases: [RefusedConfig] = [
        RefusedConfig("block_out_channels", "[0, 640, 1280]", named: "block_out_channels[0]"),
        RefusedConfig("block_out_channels", "[320, 640, 1000000000]", named: "block_out_channels[2]"),
        RefusedConfig("block_out_channels", "[-320, 640, 1280]", named: "block_out_channels[0]"),
        RefusedConfig("block_out_channels", "[32, 32, 32, 32, 32, 32, 32, 32, 32]"),
        RefusedConfig("block_out_channels", "[16000, 16000, 16000]"),          // 10^11 parameters
        RefusedConfig("layers_per_block", "-1"),
        RefusedConfig("layers_per_block", "1000000000"),
        RefusedConfig("layers_per_block", "[2, 2]"),
        RefusedConfig("transformer_layers_per_block", "[1, 2, 1000]", named: "transformer_layers_per_block[2]"),
        RefusedConfig("transformer_layers_per_block", "[1, 2]"),
        RefusedConfig("transformer_layers_per_block", "[[1, 1], [2, 2], [10, 10]]",
                      named: "reverse_transformer_layers_per_block"),
        RefusedConfig("reverse_transformer_layers_per_block", "[[10, 10, 10]]"),
        RefusedConfig("attention_head_dim", "[5, 10, 7]", named: "attention_head_dim[2]"),   // 7 ∤ 1280
        RefusedConfig("attention_head_dim", "0"),
        RefusedConfig("num_attention_heads", "[5, 10, 20]"),
        RefusedConfig("norm_num_groups", "0"),
        RefusedConfig("norm_num_groups", "30", named: "block_out_channels[0]"),            // 30 ∤ 320
        RefusedConfig("norm_num_groups", "null"),
        RefusedConfig("norm_eps", "0"),
        RefusedConfig("in_channels", "0"),
        RefusedConfig("cross_attention_dim", "[2048, 2048, 768]"),
        RefusedConfig("cross_attention_dim", "0"),
        RefusedConfig("down_block_types", #"["AttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"]"#,
                      named: "down_block_types[0]"),
        RefusedConfig("down_block_types", "[\"DownBlock2D\", \"CrossAttnDownBlock2D\"]"),
        RefusedConfig("up_block_types", #"["CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "AttnUpBlock2D"]"#,
                      named: "up_block_types[2]"),
        RefusedConfig("mid_block_type", "\"UNetMidBlock2DSimpleCrossAttn\""),
        RefusedConfig("addition_embed_type", "null"),
        RefusedConfig("addition_embed_type", "\"text\""),
        RefusedConfig("addition_time_embed_dim", "0"),
        RefusedConfig("projection_class_embeddings_input_dim", "100"),
        RefusedConfig("use_linear_projection", "false"),
        RefusedConfig("resnet_time_scale_shift", "\"scale_shift\""),
        RefusedConfig("class_embed_type", "\"projection\""),
        RefusedConfig("time_embedding_type", "\"fourier\""),
        RefusedConfig("time_embedding_dim", "0"),
        RefusedConfig("act_fn", "\"gelu\""),
        RefusedConfig("only_cross_attention", "true"),
        RefusedConfig("dual_cross_attention", "true"),
        RefusedConfig("encoder_hid_dim", "1024"),
        RefusedConfig("conv_in_kernel", "5"),
        RefusedConfig("freq_shift", "1e9"),
        RefusedConfig("_class_name", "\"UNet2DModel\""),
    ]

    @Test(arguments: cases)
    func refusedBeforeLoading(_ refused: RefusedConfig) throws {
        var object = try UNetConfigMutation.baseObject()
        object[refused.key] = try refused.value
        let config = try UNetConfigMutation.decode(object)
        let weights = CountingWeights(NoWeights())
        do {
            _ = try UNet2DConditionModel(config: config, configPath: "edited.json", weights: weights)
            Issue.record("\(refused.testDescription) was accepted")
        } catch let ModelError.invalidConfig(path, reason) {
            #expect(path == "edited.json")
            #expect(reason.contains("'\(refused.named)'"), "reason: \(reason)")
        }
        #expect(weights.requestCount == 0)
    }

    /// Values of the wrong JSON type fail while decoding, naming the key.
    @Test(arguments: [
        RefusedConfig("block_out_channels", "\"320\""),
        RefusedConfig("layers_per_block", "1e30"),
        RefusedConfig("transformer_layers_per_block", "[\"one\"]"),
        RefusedConfig("use_linear_projection", "\"yes\""),
    ])
    func unreadableValuesNameTheKey(_ unreadable: RefusedConfig) throws {
        var object = try UNetConfigMutation.baseObject()
        object[unreadable.key] = try unreadable.value
        do {
            _ = try UNetConfigMutation.decode(object)
            Issue.record("\(unreadable.testDescription) was decoded")
        } catch let ModelError.invalidConfig(_, reason) {
            #expect(reason.contains(unreadable.key), "reason: \(reason)")
        }
    }

    @Test func missingArchitectureKeyIsNamed() throws {
        var object = try UNetConfigMutation.baseObject()
        object.removeValue(forKey: "down_block_types")
        #expect(throws: ModelError.invalidConfig(
            path: "edited.json", reason: "key 'down_block_types' is missing; a UNet config needs it")) {
            try UNetConfigMutation.decode(object)
        }
    }
}
