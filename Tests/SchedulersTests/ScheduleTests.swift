// Training schedules, timesteps, sigmas and initial noise scale against diffusers (schedules.json).
import Testing
@testable import Schedulers

struct SchedulesFixture: Decodable {
    struct Case: Decodable {
        let sampler: String
        let variant: String
        let steps: Int
        let timesteps: String
        let sigmas: String?
        let init_noise_sigma: Double
    }
    let configs: [String: SchedulerConfig]
    let alphas_cumprod: [String: [String: String]]
    let cases: [Case]
}

/// The noise levels of samplers that have them.
func noiseLevels(of sampler: any Sampler) -> [Float]? {
    switch sampler {
    case let euler as EulerDiscreteSampler: return euler.sigmas
    case let ancestral as EulerAncestralSampler: return ancestral.sigmas
    case let dpm as DPMSolverMultistepSampler: return dpm.sigmas
    default: return nil
    }
}

@Suite("noise schedules and timesteps")
struct ScheduleTests {
    let fixture: SchedulesFixture

    init() throws { fixture = try Fixture.load(SchedulesFixture.self, "schedules") }

    @Test("alphas_cumprod equals torch's float32 values (exactly, unless rescaled to zero terminal SNR)")
    func alphasCumprod() throws {
        for (variant, tables) in fixture.alphas_cumprod {
            let config = try #require(fixture.configs[variant])
            for (family, pin) in [("euler", true), ("ddim", false)] {
                let schedule = try NoiseSchedule(config: config, sampler: family, pinTerminalAlpha: pin)
                let expected = try Fixture.floats(try #require(tables[family]))
                if config.rescaleBetasZeroSnr == true {
                    // diffusers rescales with Tensor.sqrt, which torch hands to MKL (not correctly
                    // rounded): a few values land one or two units in the last place away.
                    expectClose(schedule.alphasCumprod, expected, rtol: 1e-6, atol: 0, "\(variant) \(family) alphas_cumprod")
                } else {
                    expectBitwiseEqual(schedule.alphasCumprod, expected, "\(variant) \(family) alphas_cumprod")
                }
            }
        }
    }

    @Test("timesteps, sigmas and init_noise_sigma for 1...61 steps, every sampler and config variant")
    func timestepsAndSigmas() throws {
        #expect(fixture.cases.count > 300)
        for entry in fixture.cases {
            let context = "\(entry.sampler) \(entry.variant) \(entry.steps) steps"
            let config = try #require(fixture.configs[entry.variant])
            let sampler = try SamplerKind(name: entry.sampler).makeSampler(modelConfig: config, stepCount: entry.steps)
            expectClose(sampler.timesteps, try Fixture.floats(entry.timesteps), rtol: 1e-6, atol: 1e-4,
                        "\(context) timesteps")
            if let sigmas = entry.sigmas {
                let levels = try #require(noiseLevels(of: sampler), "\(context) has no sigmas")
                expectClose(levels, try Fixture.floats(sigmas), "\(context) sigmas")
            }
            expectClose([sampler.initNoiseSigma], [Float(entry.init_noise_sigma)], rtol: 1e-6, atol: 0,
                        "\(context) init_noise_sigma")
        }
    }

    @Test("trailing spacing keeps NumPy's extra step for 61 of 1000")
    func trailingExtraStep() throws {
        let sampler = try SamplerKind.eulerTrailing.makeSampler(modelConfig: .sdxlBase, stepCount: 61)
        #expect(sampler.timesteps.count == 62)
        #expect(sampler.timesteps.last == -1)
    }
}
