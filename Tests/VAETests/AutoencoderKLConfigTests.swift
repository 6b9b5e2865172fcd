import Foundation
import Testing
import SafeTensors
@testable import Models

@Suite struct AutoencoderKLConfigTests {
    /// stabilityai/stable-diffusion-xl-base-1.0, vae/config.json.
    static let publishedSDXL = """
    {
      "_class_name": "AutoencoderKL",
      "_diffusers_version": "0.20.0.dev0",
      "act_fn": "silu",
      "block_out_channels": [128, 256, 512, 512],
      "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"],
      "force_upcast": true,
      "in_channels": 3,
      "latent_channels": 4,
      "layers_per_block": 2,
      "norm_num_groups": 32,
      "out_channels": 3,
      "sample_size": 1024,
      "scaling_factor": 0.13025,
      "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"]
    }
    """

    static func decode(_ json: String) throws -> AutoencoderKLConfig {
        try JSONDecoder().decode(AutoencoderKLConfig.self, from: Data(json.utf8))
    }

    /// Writes `json` to a file and loads it the way a model folder is read.
    static func load(_ json: String) throws -> AutoencoderKLConfig {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try Data(json.utf8).write(to: URL(fileURLWithPath: folder.file("config.json")))
        return try AutoencoderKLConfig.load(path: folder.file("config.json"))
    }

    /// The published config with `key` replaced by the raw JSON `value`.
    static func published(with key: String, _ value: String) throws -> String {
        var object = try JSONSerialization.jsonObject(with: Data(publishedSDXL.utf8)) as? [String: Any] ?? [:]
        object[key] = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func publishedSDXLConfigDecodesToTheSDXLDefaults() throws {
        let config = try Self.decode(Self.publishedSDXL)
        #expect(config == AutoencoderKLConfig.sdxl)
        #expect(config.scalingFactor == 0.13025)
        #expect(config.shiftFactor == nil && config.latentsMean == nil && config.latentsStd == nil)
        #expect(config.useQuantConv && config.usePostQuantConv && config.midBlockAddAttention)
        #expect(config.downsamplingFactor == 8)
        try config.validate(path: "vae/config.json")
    }

    @Test func absentKeysTakeSDXLValuesAndNullsStayNull() throws {
        let config = try Self.decode(#"{"shift_factor": null, "latents_mean": null, "sample_size": [96, 128]}"#)
        #expect(config.blockOutChannels == [128, 256, 512, 512])
        #expect(config.layersPerBlock == 2 && config.latentChannels == 4 && config.normNumGroups == 32)
        #expect(config.scalingFactor == 0.13025)
        #expect(config.sampleSize == [96, 128])
        #expect(config.shiftFactor == nil && config.latentsMean == nil)
    }

    @Test func encodesBackToTheSameConfig() throws {
        var config = AutoencoderKLConfig.sdxl
        config.latentsMean = [0.1, -0.2, 0.3, 0]
        config.latentsStd = [1, 2, 3, 4]
        config.shiftFactor = 0.5
        let data = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(AutoencoderKLConfig.self, from: data) == config)
    }

    @Test(arguments: [
        ("block_out_channels", "[0, 256, 512, 512]", "block_out_channels[0]"),
        ("block_out_channels", "[1000000000, 256, 512, 512]", "block_out_channels[0]"),
        ("block_out_channels", "[]", "block_out_channels"),
        ("block_out_channels", "[128, 256, 500, 512]", "block_out_channels[2]"),
        ("layers_per_block", "-1", "layers_per_block"),
        ("layers_per_block", "0", "layers_per_block"),
        ("latent_channels", "0", "latent_channels"),
        ("latent_channels", "1000000000", "latent_channels"),
        ("in_channels", "-3", "in_channels"),
        ("out_channels", "100000", "out_channels"),
        ("norm_num_groups", "0", "norm_num_groups"),
        ("norm_num_groups", "-32", "norm_num_groups"),
        ("down_block_types", #"["DownEncoderBlock2D"]"#, "down_block_types"),
        ("up_block_types", #"["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D", "AttnUpDecoderBlock2D"]"#, "up_block_types"),
        ("act_fn", #""gelu""#, "act_fn"),
        ("sample_size", "0", "sample_size"),
        ("sample_size", "[1, 2, 3]", "sample_size"),
        ("scaling_factor", "0", "scaling_factor"),
        ("scaling_factor", "-0.13", "scaling_factor"),
        ("scaling_factor", "1e300", "scaling_factor"),
        ("latents_mean", "[0.1, 0.2]", "latents_mean"),
        ("latents_std", "[1, 1, 0, 1]", "latents_std"),
        ("block_out_channels", "[1e30, 256, 512, 512]", "block_out_channels"),
        ("layers_per_block", #""two""#, "layers_per_block"),
    ])
    func absurdValuesAreRefusedNamingTheKey(key: String, value: String, named: String) throws {
        let json = try Self.published(with: key, value)
        do {
            let config = try Self.load(json)
            Issue.record("accepted \(key) = \(value): \(config)")
        } catch let error as ModelError {
            guard case let .invalidConfig(path, _) = error else {
                Issue.record("expected invalidConfig, got \(error)")
                return
            }
            #expect(path.hasSuffix("config.json"))
            #expect(error.description.contains(named), "\(error.description) does not name \(named)")
        }
    }

    @Test func aMissingConfigFileIsReportedAsMissing() throws {
        #expect(throws: ModelError.self) { try AutoencoderKLConfig.load(path: "/nonexistent/vae/config.json") }
        do {
            _ = try AutoencoderKLConfig.load(path: "/nonexistent/vae/config.json")
        } catch let error as ModelError {
            guard case .missingFile = error else { Issue.record("got \(error)"); return }
        }
    }

    @Test func aConfigThatIsNotJSONIsAnInvalidConfig() throws {
        #expect {
            _ = try Self.load("{\"block_out_channels\": [8, 16,")
        } throws: { error in
            guard case .invalidConfig? = error as? ModelError else { return false }
            return true
        }
    }

    @Test func theVAEInitialiserValidatesBeforeReadingWeights() throws {
        var config = AutoencoderKLConfig.sdxl
        config.normNumGroups = 0
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        // An empty source: validation must fail first, naming the config rather than a tensor.
        let empty = folder.file("empty.safetensors")
        try SafeTensorsWriter().write(to: empty)
        #expect {
            _ = try AutoencoderKL(config: config, weights: WeightLoader(SafeTensorsWeights(path: empty)))
        } throws: { error in
            guard case .invalidConfig(_, let reason)? = error as? ModelError else { return false }
            return reason.contains("norm_num_groups")
        }
    }
}
