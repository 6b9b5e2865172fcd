import Foundation
import Models
import SafeTensors
import Tensors
import Testing

/// Weights kept as half precision and widened per layer give exactly the results of weights
/// widened at load.
@Suite struct WeightResidencyTests {
    @Test func halfResidentUNetMatchesFloatResidentExactly() throws {
        let inputs = try SafeTensorsFile(path: TinyFixture.root.appendingPathComponent("expected/unet.safetensors").path)
        func forward(_ residency: WeightResidency) throws -> Tensor {
            let files = try DiffusersFolder(TinyFixture.base, residency: residency)
            let config = try files.configURL(for: .unet).path
            let unet = try UNet2DConditionModel(config: UNetConfig.load(path: config), configPath: config,
                                                weights: files.weights(for: .unet))
            return try unet(sample: inputs.tensor(named: "base_t421.sample"),
                            timestep: inputs.tensor(named: "base_t421.timestep").scalars[0],
                            encoderHiddenStates: inputs.tensor(named: "base_t421.encoder_hidden_states"),
                            textEmbeds: inputs.tensor(named: "base_t421.text_embeds"),
                            timeIds: inputs.tensor(named: "base_t421.time_ids"))
        }
        let half = try forward(.halfPrecision), float = try forward(.float32)
        #expect(half.shape == float.shape)
        #expect(half.scalars == float.scalars)
    }

    @Test func aUNetWhosePagesWereGivenBackComputesTheSameAgain() throws {
        let inputs = try SafeTensorsFile(path: TinyFixture.root.appendingPathComponent("expected/unet.safetensors").path)
        let files = try DiffusersFolder(TinyFixture.base, residency: .halfPrecision)
        let config = try files.configURL(for: .unet).path
        let unet = try UNet2DConditionModel(config: UNetConfig.load(path: config), configPath: config,
                                            weights: files.weights(for: .unet))
        func forward() throws -> [Float] {
            try unet(sample: inputs.tensor(named: "base_t421.sample"),
                     timestep: inputs.tensor(named: "base_t421.timestep").scalars[0],
                     encoderHiddenStates: inputs.tensor(named: "base_t421.encoder_hidden_states"),
                     textEmbeds: inputs.tensor(named: "base_t421.text_embeds"),
                     timeIds: inputs.tensor(named: "base_t421.time_ids")).scalars
        }
        let before = try forward()
        #expect(unet.mappedWeights.releaseResidentPages() == unet.mappedWeights.bytes)
        #expect(try forward() == before)
    }

    @Test func halfResidencyKeepsLargeWeightsInTheMapping() throws {
        let weights = try DiffusersFolder(TinyFixture.base, residency: .halfPrecision).weights(for: .unet)
        guard case .half = try weights.storedWeight(named: "conv_in.weight") else {
            Issue.record("conv_in.weight was widened at load")
            return
        }
        // The single file's OpenCLIP projection is transposed, so it is materialised.
        let single = try SingleFileCheckpoint(TinyFixture.baseSingleFile, configFolder: TinyFixture.base,
                                              residency: .halfPrecision)
        guard case .float = try single.weights(for: .textEncoder2).storedWeight(named: "text_projection.weight") else {
            Issue.record("a transposed weight must be materialised")
            return
        }
        guard case .half = try single.weights(for: .unet).storedWeight(named: "conv_in.weight") else {
            Issue.record("renamed weights keep their residency")
            return
        }
    }

    @Test func aUNetCountsTheBytesItLeavesInTheMapping() throws {
        func unet(_ residency: WeightResidency) throws -> UNet2DConditionModel {
            let files = try DiffusersFolder(TinyFixture.base, residency: residency)
            let config = try files.configURL(for: .unet).path
            return try UNet2DConditionModel(config: UNetConfig.load(path: config), configPath: config,
                                            weights: files.weights(for: .unet))
        }
        let half = try unet(.halfPrecision)
        // Every 2-D and 4-D weight is half precision in the fixture; vectors (norms, biases) are widened.
        let weights = try DiffusersFolder(TinyFixture.base, residency: .halfPrecision).weights(for: .unet)
        let matrices = weights.names.compactMap { name in weights.shape(of: name).flatMap { $0.count >= 2 ? $0 : nil } }
        let expected = matrices.reduce(0) { $0 + 2 * $1.reduce(1, *) }
        #expect(half.mappedWeights.bytes == expected)
        #expect(try unet(.float32).mappedWeights.bytes == 0)
    }
}
