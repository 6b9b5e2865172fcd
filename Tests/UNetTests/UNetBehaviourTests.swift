// How the UNet behaves around its forward pass: precomputed text context, per-sample timesteps,
// independence of the samples in a batch, input checks, cancellation, and weight loading errors.
import Testing
import Models
import Tensors

@Suite struct UNetBehaviourTests {
    struct Inputs {
        let sample: Tensor, hidden: Tensor, textEmbeds: Tensor, timeIds: Tensor
        let timestep: Float
    }

    static func baseCase() throws -> (UNet2DConditionModel, Inputs) {
        let unet = try UNetFixtures.loadUNet("base")
        let expected = try UNetFixtures.expectedUNetTensors()
        let name = try #require(UNetFixtures.unetCases.first { $0.model == "base" }).name
        func tensor(_ suffix: String) throws -> Tensor { try expected.tensor(named: "\(name).\(suffix)") }
        let inputs = Inputs(sample: try tensor("sample"), hidden: try tensor("encoder_hidden_states"),
                            textEmbeds: try tensor("text_embeds"), timeIds: try tensor("time_ids"),
                            timestep: try tensor("timestep").scalars[0])
        return (unet, inputs)
    }

    /// Row `index` of a batch, as a batch of one.
    static func row(_ x: Tensor, _ index: Int) -> Tensor {
        let width = x.count / x.shape[0]
        return Tensor(shape: [1] + x.shape.dropFirst(), scalars: Array(x.scalars[(index * width)..<((index + 1) * width)]))
    }

    @Test func precomputedContextGivesTheSameResult() throws {
        let (unet, x) = try Self.baseCase()
        let inline = try unet(sample: x.sample, timestep: x.timestep, encoderHiddenStates: x.hidden,
                              textEmbeds: x.textEmbeds, timeIds: x.timeIds)
        let context = try unet.crossAttentionContext(for: x.hidden)
        #expect(context.keyValues.count == unet.transformerBlocks.count)
        let cached = try unet(sample: x.sample, timesteps: [x.timestep], context: context,
                              textEmbeds: x.textEmbeds, timeIds: x.timeIds)
        #expect(cached.scalars == inline.scalars)
    }

    /// A batch computes each sample on its own, with its own timestep.
    @Test func samplesOfABatchAreIndependent() throws {
        let (unet, x) = try Self.baseCase()
        let timesteps: [Float] = [x.timestep, 37.5]
        let batched = try unet(sample: x.sample, timesteps: timesteps, encoderHiddenStates: x.hidden,
                               textEmbeds: x.textEmbeds, timeIds: x.timeIds)
        for index in 0..<2 {
            let single = try unet(sample: Self.row(x.sample, index), timestep: timesteps[index],
                                  encoderHiddenStates: Self.row(x.hidden, index),
                                  textEmbeds: Self.row(x.textEmbeds, index), timeIds: Self.row(x.timeIds, index))
            #expect(relativeError(Self.row(batched, index), single) <= 1e-5)
        }
        let sameTimestep = try unet(sample: x.sample, timestep: x.timestep, encoderHiddenStates: x.hidden,
                                    textEmbeds: x.textEmbeds, timeIds: x.timeIds)
        #expect(relativeError(Self.row(sameTimestep, 1), Self.row(batched, 1)) > 1e-2)
    }

    @Test func mismatchedInputsAreErrors() throws {
        let (unet, x) = try Self.baseCase()
        let fiveIDs = Tensor(zeros: [2, 5])
        #expect(throws: ModelError.self) {
            try unet(sample: x.sample, timestep: x.timestep, encoderHiddenStates: x.hidden,
                     textEmbeds: x.textEmbeds, timeIds: fiveIDs)
        }
        let threeChannels = Tensor(zeros: [2, 3, 8, 12])
        #expect(throws: ModelError.self) {
            try unet(sample: threeChannels, timestep: x.timestep, encoderHiddenStates: x.hidden,
                     textEmbeds: x.textEmbeds, timeIds: x.timeIds)
        }
        #expect(throws: ModelError.self) {
            try unet.crossAttentionContext(for: Tensor(zeros: [2, 77, 41]))
        }
        #expect(throws: ModelError.self) {
            try unet(sample: x.sample, timesteps: [1, 2, 3], encoderHiddenStates: x.hidden,
                     textEmbeds: x.textEmbeds, timeIds: x.timeIds)
        }
    }

    /// The check is polled between layers; the pass stops at the first `false`.
    @Test func cancellationStopsTheForwardPass() throws {
        let (unet, x) = try Self.baseCase()
        var polls = 0
        _ = try unet(sample: x.sample, timestep: x.timestep, encoderHiddenStates: x.hidden,
                     textEmbeds: x.textEmbeds, timeIds: x.timeIds, shouldContinue: { polls += 1; return true })
        let resnets = unet.downBlocks.map(\.resnets.count).reduce(0, +) + (unet.midBlock?.resnets.count ?? 0)
            + unet.upBlocks.map(\.resnets.count).reduce(0, +)
        #expect(polls > resnets + unet.transformerBlocks.count)

        for stopAt in [1, polls / 2, polls] {
            var seen = 0
            #expect(throws: CancellationError.self) {
                try unet(sample: x.sample, timestep: x.timestep, encoderHiddenStates: x.hidden,
                         textEmbeds: x.textEmbeds, timeIds: x.timeIds,
                         shouldContinue: { seen += 1; return seen < stopAt })
            }
            #expect(seen == stopAt)
        }
    }

    @Test func wrongShapedWeightIsNamed() throws {
        let (config, configPath, weights) = try UNetFixtures.unetFolder("base")
        let key = "down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_k.weight"
        let found = try #require(weights.shape(of: key))
        let wrong = [found[0], found[1] + 1]
        #expect(throws: ModelError.shapeMismatch(key: key, expected: found, found: wrong, origin: weights.origin)) {
            try UNet2DConditionModel(config: config, configPath: configPath,
                                     weights: MisshapenWeights(base: weights, key: key, shape: wrong))
        }
    }

    /// Weights of another model (the refiner's, under the base config) are refused by name.
    @Test func weightsOfAnotherModelAreRefused() throws {
        let (config, configPath, _) = try UNetFixtures.unetFolder("base")
        let (_, _, refinerWeights) = try UNetFixtures.unetFolder("refiner")
        #expect(throws: ModelError.self) {
            try UNet2DConditionModel(config: config, configPath: configPath, weights: refinerWeights)
        }
    }
}
