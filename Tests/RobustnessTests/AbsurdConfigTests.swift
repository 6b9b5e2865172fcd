// Absurd component configs: the tiny SDXL fixture's config.json files with one key set to a
// hostile value. Each loader must refuse with ModelError.invalidConfig naming the file, before
// anything is allocated.
import Foundation
import Models
import Testing

enum ConfigKind: String, Sendable {
    case unet, vae, textEncoder = "text_encoder"

    /// Loads and validates a config the way model loading does.
    func load(path: String) throws {
        switch self {
        case .unet: _ = try UNetConfig.load(path: path).parameterCount(path: path)
        case .vae: _ = try AutoencoderKLConfig.load(path: path)
        case .textEncoder: try CLIPTextConfig.load(path: path).validate(path: path)
        }
    }
}

struct AbsurdConfigCase: Sendable, CustomTestStringConvertible {
    let kind: ConfigKind
    let key: String
    /// JSON text of the hostile value; nil removes the key.
    let value: String?
    var testDescription: String { "\(kind.rawValue) \(key) = \(value.map { String($0.prefix(40)) } ?? "(removed)")" }

    static let all: [AbsurdConfigCase] = [
        // UNet
        .init(kind: .unet, key: "in_channels", value: "0"),
        .init(kind: .unet, key: "in_channels", value: "1000000000"),
        .init(kind: .unet, key: "block_out_channels", value: "[1000000000, 1000000000, 1000000000]"),
        .init(kind: .unet, key: "block_out_channels", value: "[0, 0, 0]"),
        .init(kind: .unet, key: "block_out_channels", value: "[]"),
        .init(kind: .unet, key: "layers_per_block", value: "-2"),
        .init(kind: .unet, key: "attention_head_dim", value: "[1000000000, 1000000000, 1000000000]"),
        .init(kind: .unet, key: "transformer_layers_per_block", value: "[-1, -1, -1]"),
        .init(kind: .unet, key: "transformer_layers_per_block", value: "1000000000"),
        .init(kind: .unet, key: "cross_attention_dim", value: "\"wide\""),
        .init(kind: .unet, key: "norm_num_groups", value: "0"),
        .init(kind: .unet, key: "sample_size", value: "{\"a\": 1}"),
        .init(kind: .unet, key: "addition_time_embed_dim", value: "1e300"),
        .init(kind: .unet, key: "down_block_types", value: "[\"CrossAttnDownBlock2D\"]"),
        .init(kind: .unet, key: "block_out_channels", value: nil),
        // VAE
        .init(kind: .vae, key: "block_out_channels", value: "[]"),
        .init(kind: .vae, key: "block_out_channels", value: "[1000000000, 1000000000, 1000000000, 1000000000]"),
        .init(kind: .vae, key: "latent_channels", value: "0"),
        .init(kind: .vae, key: "layers_per_block", value: "-1"),
        .init(kind: .vae, key: "norm_num_groups", value: "1000000000"),
        .init(kind: .vae, key: "scaling_factor", value: "\"x\""),
        .init(kind: .vae, key: "down_block_types", value: "[\"DownEncoderBlock2D\"]"),
        .init(kind: .vae, key: "in_channels", value: "-3"),
        // CLIP text encoder
        .init(kind: .textEncoder, key: "hidden_size", value: "0"),
        .init(kind: .textEncoder, key: "hidden_size", value: "1000000000"),
        .init(kind: .textEncoder, key: "num_attention_heads", value: "1000000000"),
        .init(kind: .textEncoder, key: "num_hidden_layers", value: "-3"),
        .init(kind: .textEncoder, key: "vocab_size", value: "\"many\""),
        .init(kind: .textEncoder, key: "num_attention_heads", value: "3"),
        .init(kind: .textEncoder, key: "intermediate_size", value: "1000000000000"),
        .init(kind: .textEncoder, key: "max_position_embeddings", value: "0"),
        .init(kind: .textEncoder, key: "hidden_size", value: "16.5"),
    ]
}

@Suite struct AbsurdConfigTests {
    static let base = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/tiny-sdxl/base")

    static func fixtureConfig(_ kind: ConfigKind) throws -> [String: Any] {
        let data = try Data(contentsOf: base.appendingPathComponent(kind.rawValue).appendingPathComponent("config.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(arguments: [ConfigKind.unet, .vae, .textEncoder])
    func theUnchangedFixtureConfigLoads(_ kind: ConfigKind) throws {
        try kind.load(path: Self.base.appendingPathComponent(kind.rawValue).appendingPathComponent("config.json").path)
    }

    @Test(arguments: AbsurdConfigCase.all)
    func refusedAsInvalidConfig(_ hostile: AbsurdConfigCase) throws {
        var object = try Self.fixtureConfig(hostile.kind)
        if let value = hostile.value {
            object[hostile.key] = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
        } else {
            object[hostile.key] = nil
        }
        let folder = try HostileFiles.scratchFolder("config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("config.json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        expectInvalidConfig(path: path, kind: hostile.kind, hostile.testDescription)
    }

    /// Files that are not configs at all.
    @Test(arguments: [ConfigKind.unet, .vae, .textEncoder])
    func nonConfigFilesAreRefused(_ kind: ConfigKind) throws {
        let folder = try HostileFiles.scratchFolder("config-bytes")
        defer { try? FileManager.default.removeItem(at: folder) }
        let contents: [(String, Data)] = [
            ("top-level array", Data("[1, 2, 3]".utf8)),
            ("binary", Data([0x80, 0x04, 0x95, 0xFF, 0x00, 0x7B])),
            ("2 MB of spaces around {}", Data(("{" + String(repeating: " ", count: 2 << 20) + "}").utf8)),
            ("deep nesting", Data((#"{"a":"# + String(repeating: "[", count: 200_000)).utf8)),
        ]
        for (label, data) in contents {
            let path = folder.appendingPathComponent("\(label).json").path
            try data.write(to: URL(fileURLWithPath: path))
            expectInvalidConfig(path: path, kind: kind, "\(kind.rawValue) \(label)")
        }
    }

    private func expectInvalidConfig(path: String, kind: ConfigKind, _ label: String) {
        do {
            try kind.load(path: path)
            Issue.record("\(label): the config was accepted")
        } catch let error as ModelError {
            #expect(HostileFiles.caseName(error) == "invalidConfig", "\(label): \(error)")
            #expect("\(error)".contains(path), "\(label): the message names the file: \(error)")
        } catch {
            Issue.record("\(label): not a ModelError: \(error)")
        }
    }
}
