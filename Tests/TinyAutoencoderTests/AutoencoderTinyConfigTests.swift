// Reading and checking a tiny autoencoder's config.json.
import Foundation
import Testing
import Models
import SafeTensors

@Suite struct AutoencoderTinyConfigTests {
    /// config.json as diffusers writes it for TAESDXL (its values are AutoencoderTiny's defaults).
    static let taesdxlJSON = """
    {
      "_class_name": "AutoencoderTiny",
      "act_fn": "relu",
      "decoder_block_out_channels": [64, 64, 64, 64],
      "encoder_block_out_channels": [64, 64, 64, 64],
      "force_upcast": false,
      "in_channels": 3,
      "latent_channels": 4,
      "latent_magnitude": 3,
      "latent_shift": 0.5,
      "num_decoder_blocks": [3, 3, 3, 1],
      "num_encoder_blocks": [1, 3, 3, 3],
      "out_channels": 3,
      "scaling_factor": 1.0,
      "upsampling_scaling_factor": 2
    }
    """

    /// `taesdxlJSON` with `key` set to the raw JSON `value`.
    static func taesdxl(with key: String, _ value: String) throws -> String {
        var object = try JSONSerialization.jsonObject(with: Data(taesdxlJSON.utf8)) as? [String: Any] ?? [:]
        object[key] = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// Writes `json` as config.json and loads it the way a model folder is read.
    static func load(_ json: String) throws -> AutoencoderTinyConfig {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try Data(json.utf8).write(to: folder.url("config.json"))
        return try AutoencoderTinyConfig.load(path: folder.file("config.json"))
    }

    @Test func theTAESDXLConfigIsTheDefault() throws {
        let config = try Self.load(Self.taesdxlJSON)
        #expect(config == AutoencoderTinyConfig.taesdxl)
        #expect(config.decoderBlockOutChannels == [64, 64, 64, 64] && config.numDecoderBlocks == [3, 3, 3, 1])
        #expect(config.upsamplingFactor == 8)
        #expect(try Self.load("{}") == AutoencoderTinyConfig.taesdxl)
    }

    @Test func theFixtureConfigIsRead() throws {
        let config = try TinyAutoencoderFixture.config()
        #expect(config.decoderBlockOutChannels == [16, 16, 16, 16])
        #expect(config.numDecoderBlocks == [3, 1, 2, 1])
        #expect(config.latentChannels == 4 && config.outChannels == 3)
        #expect(config.upsamplingScalingFactor == 2 && config.upsamplingFactor == 8)
        #expect(config.scalingFactor == 1 && config.shiftFactor == 0)
    }

    @Test func encodesBackToTheSameConfig() throws {
        var config = AutoencoderTinyConfig.taesdxl
        config.numDecoderBlocks = [1, 0, 2, 5]
        config.scalingFactor = 0.5
        let data = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(AutoencoderTinyConfig.self, from: data) == config)
    }

    @Test(arguments: [
        ("decoder_block_out_channels", "[0, 64, 64, 64]", "decoder_block_out_channels[0]"),
        ("decoder_block_out_channels", "[1000000000, 64, 64, 64]", "decoder_block_out_channels[0]"),
        ("decoder_block_out_channels", "[]", "decoder_block_out_channels"),
        ("decoder_block_out_channels", "[64, 64, 32, 64]", "decoder_block_out_channels[2]"),
        ("decoder_block_out_channels", "[64, 64, 64, 64, 64, 64, 64, 64, 64]", "decoder_block_out_channels"),
        ("decoder_block_out_channels", "[64.5, 64, 64, 64]", "decoder_block_out_channels"),
        ("num_decoder_blocks", "[3, 3, 3]", "num_decoder_blocks"),
        ("num_decoder_blocks", "[3, -1, 3, 1]", "num_decoder_blocks[1]"),
        ("num_decoder_blocks", "[3, 3, 1000000000, 1]", "num_decoder_blocks[2]"),
        ("num_decoder_blocks", "\"three\"", "num_decoder_blocks"),
        ("latent_channels", "0", "latent_channels"),
        ("latent_channels", "1e30", "latent_channels"),
        ("out_channels", "-3", "out_channels"),
        ("upsampling_scaling_factor", "0", "upsampling_scaling_factor"),
        ("upsampling_scaling_factor", "1000", "upsampling_scaling_factor"),
        ("upsampling_scaling_factor", "4", "upsampling_scaling_factor"),   // 4^3 = 64 is allowed…
        ("act_fn", "\"silu\"", "act_fn"),
        ("upsample_fn", "\"bilinear\"", "upsample_fn"),
        ("scaling_factor", "0", "scaling_factor"),
        ("scaling_factor", "-1", "scaling_factor"),
    ])
    func absurdValuesAreRefusedNamingTheKeyAndFile(key: String, value: String, named: String) throws {
        let json = try Self.taesdxl(with: key, value)
        if key == "upsampling_scaling_factor" && value == "4" {
            // …but not over five stages (4^4 = 256).
            #expect(try Self.load(json).upsamplingFactor == 64)
            let fiveStages = try Self.taesdxl(with: "decoder_block_out_channels", "[64, 64, 64, 64, 64]")
            var object = try JSONSerialization.jsonObject(with: Data(fiveStages.utf8)) as? [String: Any] ?? [:]
            object["num_decoder_blocks"] = [1, 1, 1, 1, 1]
            object["upsampling_scaling_factor"] = 4
            let data = try JSONSerialization.data(withJSONObject: object)
            try expectInvalid(String(decoding: data, as: UTF8.self), naming: named)
            return
        }
        try expectInvalid(json, naming: named)
    }

    func expectInvalid(_ json: String, naming key: String) throws {
        do {
            let config = try Self.load(json)
            Issue.record("accepted \(config)")
        } catch let error as ModelError {
            guard case let .invalidConfig(path, reason) = error else {
                Issue.record("expected invalidConfig, got \(error)")
                return
            }
            #expect(path.hasSuffix("/config.json"))
            #expect(reason.contains("'\(key)"), "\(reason)")
            #expect(error.description.contains(path))
        }
    }

    @Test func aMissingOrBrokenConfigFileIsNamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = folder.file("config.json")
        #expect(throws: ModelError.missingFile(path: path, hint: "a tiny autoencoder folder holds config.json next to its weights")) {
            _ = try AutoencoderTinyConfig.load(path: path)
        }
        try Data("{\"latent_channels\": ".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try AutoencoderTinyConfig.load(path: path)
        } throws: { error in
            guard case let .invalidConfig(failedPath, _) = error as? ModelError else { return false }
            return failedPath == path
        }
    }

    @Test func anAbsurdConfigIsRefusedBeforeAnyWeightIsRead() throws {
        // The fixture's weights are real; a config asking for 10^9 channels must fail on the
        // config, not by allocating or reading for it.
        var config = try TinyAutoencoderFixture.config()
        config.decoderBlockOutChannels = Array(repeating: 1_000_000_000, count: 4)
        #expect {
            _ = try AutoencoderTiny.load(from: try TinyAutoencoderFixture.folder(), config: config)
        } throws: { error in
            guard case let .invalidConfig(path, reason) = error as? ModelError else { return false }
            return path.contains("the configuration given for") && reason.contains("decoder_block_out_channels[0]")
        }
    }
}
