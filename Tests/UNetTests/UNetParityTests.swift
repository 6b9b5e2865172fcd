// The tiny SDXL base and refiner UNets (diffusers layout, fp16 weight files) against diffusers'
// outputs for the same inputs, computed in fp32 by Tools/make_sdxl_fixtures.py.
import Testing
import Models
import Tensors

@Suite struct UNetParityTests {
    static let tolerance: Float = 1e-4

    @Test func fixtureHasBaseAndRefinerCases() {
        let models = Set(UNetFixtures.unetCases.map(\.model))
        #expect(models == ["base", "refiner"], "run Tools/make_sdxl_fixtures.py to write Tests/Fixtures/tiny-sdxl")
    }

    @Test(arguments: UNetFixtures.unetCases)
    func matchesDiffusers(_ testCase: UNetFixtures.UNetCase) throws {
        let unet = try UNetFixtures.loadUNet(testCase.model)
        let expected = try UNetFixtures.expectedUNetTensors()
        func tensor(_ name: String) throws -> Tensor { try expected.tensor(named: "\(testCase.name).\(name)") }
        let sample = try tensor("sample")
        #expect(sample.shape == testCase.sampleShape)
        let textEmbeds = try tensor("text_embeds"), timeIds = try tensor("time_ids")
        let timesteps = try tensor("timestep").scalars
        #expect(timesteps == [testCase.timestep])

        // The two halves of the conditioning embedding, each against diffusers' module output.
        let batch = sample.shape[0]
        let layout = unet.layout
        let timestepFeatures = Kernels.timestepEmbedding(
            Array(repeating: timesteps[0], count: batch), dimension: layout.timestepChannels,
            flipSinToCos: layout.flipSinToCos, downscaleFrequencyShift: layout.frequencyShift)
        #expect(relativeError(unet.timeEmbedding(timestepFeatures), try tensor("time_emb")) <= Self.tolerance)
        let idFeatures = Kernels.timestepEmbedding(
            timeIds.scalars, dimension: layout.additionTimeChannels, flipSinToCos: layout.flipSinToCos,
            downscaleFrequencyShift: layout.frequencyShift).reshaped([batch, timeIds.shape[1] * layout.additionTimeChannels])
        let augmentation = unet.addEmbedding(Kernels.concatChannels([textEmbeds, idFeatures]))
        #expect(relativeError(augmentation, try tensor("aug_emb")) <= Self.tolerance)

        let output = try unet(sample: sample, timesteps: timesteps, encoderHiddenStates: try tensor("encoder_hidden_states"),
                              textEmbeds: textEmbeds, timeIds: timeIds)
        let error = relativeError(output, try tensor("out"))
        #expect(error <= Self.tolerance, "\(testCase.name): relative error \(error)")
    }

    /// The same weights read from the single-file checkpoints give the same outputs.
    @Test(arguments: ["base", "refiner"])
    func singleFileCheckpointMatchesDiffusers(model: String) throws {
        let testCase = try #require(UNetFixtures.unetCases.first { $0.model == model })
        let (config, configPath, weights) = try UNetFixtures.singleFileUNet(model)
        let unet = try UNet2DConditionModel(config: config, configPath: configPath, weights: weights)
        let expected = try UNetFixtures.expectedUNetTensors()
        func tensor(_ name: String) throws -> Tensor { try expected.tensor(named: "\(testCase.name).\(name)") }
        let output = try unet(sample: try tensor("sample"), timesteps: try tensor("timestep").scalars,
                              encoderHiddenStates: try tensor("encoder_hidden_states"),
                              textEmbeds: try tensor("text_embeds"), timeIds: try tensor("time_ids"))
        #expect(relativeError(output, try tensor("out")) <= Self.tolerance)
    }
}
