// The config side of the UNet: decoding the published configs, the layout diffusers builds from
// them, and parameter counts computed without any weights.
import Foundation
import Testing
import Models

@Suite struct UNetConfigTests {
    static func published(_ name: String) throws -> (config: UNetConfig, path: String) {
        let path = UNetFixtures.own(name)
        return (try UNetConfig.load(path: path), path)
    }

    /// The published counts of stabilityai/stable-diffusion-xl-base-1.0 and -refiner-1.0's UNets.
    @Test func publishedSDXLParameterCounts() throws {
        let (base, basePath) = try Self.published("sdxl-base-1.0.unet-config.json")
        #expect(try base.parameterCount(path: basePath) == 2_567_463_684)
        let (refiner, refinerPath) = try Self.published("sdxl-refiner-1.0.unet-config.json")
        #expect(try refiner.parameterCount(path: refinerPath) == 2_259_526_660)
    }

    /// SSD-1B and Segmind Vega: the base's channels with fewer transformer blocks, per-layer depths
    /// in the up blocks and a middle block without attention. The counts are what diffusers 0.42.1
    /// builds from these configs (`sum(p.numel())` of a meta-device UNet2DConditionModel); 1.33 G and
    /// 745 M are the sizes both projects publish.
    @Test func distilledSDXLParameterCounts() throws {
        let (ssd, ssdPath) = try Self.published("ssd-1b-structure.unet-config.json")
        #expect(try ssd.parameterCount(path: ssdPath) == 1_331_334_404)
        let (vega, vegaPath) = try Self.published("segmind-vega-structure.unet-config.json")
        #expect(try vega.parameterCount(path: vegaPath) == 745_225_604)
    }

    @Test func baseLayoutFollowsDiffusers() throws {
        let (config, path) = try Self.published("sdxl-base-1.0.unet-config.json")
        let layout = try config.layout(path: path)
        #expect(layout.levels == 3)
        #expect(layout.latentSizeMultiple == 4)
        #expect(layout.timeEmbeddingChannels == 1280)
        #expect(layout.contextChannels == 2048)
        #expect(layout.timeIDCount(pooledChannels: 1280) == 6)
        #expect(layout.downBlocks.map(\.attention) == [
            nil,
            UNetLayout.Attention(heads: 10, depths: [2, 2]),
            UNetLayout.Attention(heads: 20, depths: [10, 10]),
        ])
        #expect(layout.downBlocks.map(\.downsamples) == [true, true, false])
        #expect(layout.midBlock == UNetLayout.MidBlock(channels: 1280,
                                                       attention: UNetLayout.Attention(heads: 20, depths: [10])))
        #expect(layout.upBlocks.map(\.resnetInputChannels) == [
            [2560, 2560, 1920],
            [1920, 1280, 960],
            [960, 640, 640],
        ])
        #expect(layout.upBlocks.map(\.attention) == [
            UNetLayout.Attention(heads: 20, depths: [10, 10, 10]),
            UNetLayout.Attention(heads: 10, depths: [2, 2, 2]),
            nil,
        ])
        #expect(layout.upBlocks.map(\.upsamples) == [true, true, false])
    }

    @Test func refinerLayoutFollowsDiffusers() throws {
        let (config, path) = try Self.published("sdxl-refiner-1.0.unet-config.json")
        let layout = try config.layout(path: path)
        #expect(layout.levels == 4)
        #expect(layout.latentSizeMultiple == 8)
        #expect(layout.contextChannels == 1280)
        #expect(layout.timeIDCount(pooledChannels: 1280) == 5)
        #expect(layout.downBlocks.map { $0.attention?.depths } == [nil, [4, 4], [4, 4], nil])
        #expect(layout.midBlock?.attention == UNetLayout.Attention(heads: 24, depths: [4]))
        #expect(layout.upBlocks.map { $0.attention?.heads } == [nil, 24, 12, nil])
    }

    @Test func asymmetricDepthsOfSSD1B() throws {
        let (config, path) = try Self.published("ssd-1b-structure.unet-config.json")
        let layout = try config.layout(path: path)
        #expect(layout.downBlocks.map { $0.attention?.depths } == [nil, [2, 2], [4, 4]])
        #expect(layout.midBlock == UNetLayout.MidBlock(channels: 1280, attention: nil))
        #expect(layout.upBlocks.map { $0.attention?.depths } == [[4, 4, 10], [2, 1, 1], nil])
    }

    @Test func encodingRoundTrips() throws {
        for name in ["sdxl-base-1.0.unet-config.json", "ssd-1b-structure.unet-config.json"] {
            let (config, _) = try Self.published(name)
            let data = try JSONEncoder().encode(config)
            #expect(try UNetConfig.decode(data, path: name) == config)
        }
    }

    /// `mid_block_type: null` means no middle block; a missing key means diffusers' default.
    @Test func nullMiddleBlockDiffersFromMissingKey() throws {
        var object = try UNetConfigMutation.baseObject()
        object["mid_block_type"] = NSNull()
        let none = try UNetConfigMutation.decode(object)
        #expect(none.midBlockType == nil)
        #expect(try none.layout(path: "test").midBlock == nil)
        object.removeValue(forKey: "mid_block_type")
        #expect(try UNetConfigMutation.decode(object).midBlockType == "UNetMidBlock2DCrossAttn")
    }

    /// The count matches what is loaded: every tensor of the tiny fixtures' UNets, and nothing more.
    @Test(arguments: ["base", "refiner"])
    func parameterCountMatchesTheWeightFiles(model: String) throws {
        let (config, configPath, weights) = try UNetFixtures.unetFolder(model)
        let stored = weights.names.reduce(0) { $0 + (weights.shape(of: $1)?.reduce(1, *) ?? 0) }
        #expect(try config.parameterCount(path: configPath) == stored)
        let unet = try UNet2DConditionModel(config: config, configPath: configPath, weights: weights)
        #expect(unet.parameterCount == stored)
    }
}

/// Configs made by editing the published base config's JSON.
enum UNetConfigMutation {
    static func baseObject() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: UNetFixtures.own("sdxl-base-1.0.unet-config.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func decode(_ object: [String: Any]) throws -> UNetConfig {
        try UNetConfig.decode(JSONSerialization.data(withJSONObject: object), path: "edited.json")
    }
}
