// Full sampling loops with a deterministic stand-in model, against diffusers (sampling.json).
import Testing
@testable import Schedulers
import Tensors

struct SamplingFixture: Decodable {
    struct Case: Decodable {
        let sampler: String
        let variant: String
        let steps: Int
        let seed: String
        let initial: String
        let prev_samples: [String]
        let predicted_originals: [String]
    }
    let shape: [Int]
    let cases: [Case]
}

@Suite("sampling loops")
struct SamplingLoopTests {
    let fixture: SamplingFixture
    let configs: [String: SchedulerConfig]

    init() throws {
        fixture = try Fixture.load(SamplingFixture.self, "sampling")
        configs = try Fixture.load(SchedulesFixture.self, "schedules").configs
    }

    @Test("every step's prev_sample and predicted x0 for each sampler (relative 1e-5)")
    func loops() throws {
        #expect(fixture.cases.count == 15)
        for entry in fixture.cases {
            let context = "\(entry.sampler) \(entry.variant) \(entry.steps) steps seed \(entry.seed)"
            let config = try #require(configs[entry.variant])
            var sampler = try SamplerKind(name: entry.sampler).makeSampler(modelConfig: config, stepCount: entry.steps)
            #expect(sampler.timesteps.count == entry.steps, "\(context)")
            var random = TorchCPURandomSource(seed: try #require(UInt64(entry.seed)))
            let noise = random.standardNormal(shape: fixture.shape)
            let sigma = sampler.initNoiseSigma
            let latents = Tensor(shape: fixture.shape, scalars: noise.scalars.map { $0 * sigma })
            expectBitwiseEqual(latents.scalars, try Fixture.floats(entry.initial), "\(context) initial latents")

            let results = runSteps(&sampler, latents: latents, indices: 0..<sampler.timesteps.count, random: &random)
            for (i, result) in results.enumerated() {
                #expect(result.previousSample.shape == fixture.shape)
                guard expectClose(result.previousSample.scalars, try Fixture.floats(entry.prev_samples[i]),
                                  "\(context) step \(i) prev_sample"),
                      expectClose(result.predictedOriginal.scalars, try Fixture.floats(entry.predicted_originals[i]),
                                  "\(context) step \(i) predicted x0")
                else { break }
            }
        }
    }

    @Test("the sampler's result does not depend on the random source unless it is ancestral")
    func deterministicSamplersIgnoreRandomness() throws {
        for kind in SamplerKind.allCases where kind != .eulerAncestral {
            var first = try kind.makeSampler(modelConfig: .sdxlBase, stepCount: 5)
            var second = try kind.makeSampler(modelConfig: .sdxlBase, stepCount: 5)
            var seeded = TorchCPURandomSource(seed: 1)
            let start = seeded.standardNormal(shape: [1, 4, 5, 6])
            var randomA = TorchCPURandomSource(seed: 2)
            var randomB = TorchCPURandomSource(seed: 3)
            let a = runSteps(&first, latents: start, indices: 0..<5, random: &randomA)
            let b = runSteps(&second, latents: start, indices: 0..<5, random: &randomB)
            #expect(a.last?.previousSample.scalars == b.last?.previousSample.scalars, "\(kind)")
        }
    }
}
