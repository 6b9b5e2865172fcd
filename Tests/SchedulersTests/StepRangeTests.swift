// img2img strength, denoising_start / denoising_end, add_noise and split runs (windows.json).
import Testing
@testable import Schedulers
import Tensors

struct WindowsFixture: Decodable {
    struct RangeCase: Decodable {
        let sampler: String
        let steps: Int
        let strength: Double?
        let denoising_start: Double?
        let denoising_end: Double?
        let start: Int
        let end: Int
    }
    struct Run: Decodable {
        let sampler: String
        let kind: String
        let steps: Int
        let strength: Double?
        let start: Int?
        let end: Int?
        let image: String?
        let noisy: String?
        let fraction: Double?
        let base_end: Int?
        let refiner_start: Int?
        let handoff: String?
        let final: String
    }
    let shape: [Int]
    let ranges: [RangeCase]
    let runs: [Run]
}

@Suite("step ranges for img2img and base/refiner splits")
struct StepRangeTests {
    let fixture: WindowsFixture

    init() throws { fixture = try Fixture.load(WindowsFixture.self, "windows") }

    @Test("strength, denoising_start and denoising_end select diffusers' steps")
    func ranges() throws {
        for entry in fixture.ranges {
            let sampler = try SamplerKind(name: entry.sampler).makeSampler(modelConfig: .sdxlBase, stepCount: entry.steps)
            let range = try sampler.stepRange(strength: entry.strength, denoisingStart: entry.denoising_start,
                                              denoisingEnd: entry.denoising_end)
            let query = "strength \(String(describing: entry.strength)) start \(String(describing: entry.denoising_start)) "
                + "end \(String(describing: entry.denoising_end))"
            #expect(range == entry.start..<entry.end, "\(entry.sampler) \(entry.steps) steps \(query)")
        }
    }

    @Test("img2img: add_noise at the first kept step, then the remaining steps")
    func imageToImage() throws {
        for run in fixture.runs where run.kind == "img2img" {
            let context = "\(run.sampler) img2img strength \(run.strength ?? -1)"
            var sampler = try SamplerKind(name: run.sampler).makeSampler(modelConfig: .sdxlBase, stepCount: run.steps)
            let range = try sampler.stepRange(strength: run.strength)
            #expect(range.lowerBound == run.start && range.upperBound == run.end, "\(context)")
            let image = try Fixture.tensor(try #require(run.image), shape: fixture.shape)
            var random = TorchCPURandomSource(seed: 42)
            let noise = random.standardNormal(shape: fixture.shape)
            let noisy = sampler.addNoise(to: image, noise: noise, stepIndex: range.lowerBound)
            expectClose(noisy.scalars, try Fixture.floats(try #require(run.noisy)), "\(context) add_noise")
            let results = runSteps(&sampler, latents: noisy, indices: range, random: &random)
            expectClose(try #require(results.last).previousSample.scalars, try Fixture.floats(run.final),
                        "\(context) final latents")
        }
    }

    @Test("base stops at denoising_end 0.8, a fresh refiner sampler continues from denoising_start 0.8")
    func ensembleSplit() throws {
        for run in fixture.runs where run.kind == "split" {
            let context = "\(run.sampler) split"
            let kind = try SamplerKind(name: run.sampler)
            var base = try kind.makeSampler(modelConfig: .sdxlBase, stepCount: run.steps)
            let baseRange = try base.stepRange(denoisingEnd: run.fraction)
            #expect(baseRange == 0..<(try #require(run.base_end)), "\(context) base range")
            var random = TorchCPURandomSource(seed: 42)
            let noise = random.standardNormal(shape: fixture.shape)
            let sigma = base.initNoiseSigma
            let start = Tensor(shape: fixture.shape, scalars: noise.scalars.map { $0 * sigma })
            let handoff = try #require(runSteps(&base, latents: start, indices: baseRange, random: &random).last)
            expectClose(handoff.previousSample.scalars, try Fixture.floats(try #require(run.handoff)), "\(context) handoff")

            var refiner = try kind.makeSampler(modelConfig: .sdxlBase, stepCount: run.steps)
            let refinerRange = try refiner.stepRange(denoisingStart: run.fraction)
            #expect(refinerRange == (try #require(run.refiner_start))..<run.steps, "\(context) refiner range")
            let final = try #require(runSteps(&refiner, latents: handoff.previousSample, indices: refinerRange,
                                              random: &random).last)
            expectClose(final.previousSample.scalars, try Fixture.floats(run.final), "\(context) final latents")
        }
    }

    @Test("out-of-range fractions and empty windows are typed errors")
    func invalidWindows() throws {
        let sampler = try SamplerKind.euler.makeSampler(modelConfig: .sdxlBase, stepCount: 10)
        #expect(throws: SchedulerError.invalidFraction(name: "strength", value: 1.5, expected: "0...1")) {
            try sampler.stepRange(strength: 1.5)
        }
        #expect(throws: SchedulerError.invalidFraction(name: "denoising_end", value: 0, expected: "0<...1")) {
            try sampler.stepRange(denoisingEnd: 0)
        }
        #expect(throws: SchedulerError.invalidFraction(name: "denoising_start", value: 1, expected: "0..<1")) {
            try sampler.stepRange(denoisingStart: 1)
        }
        #expect(throws: SchedulerError.invalidFraction(name: "denoising_start", value: 0.8,
                                                       expected: "less than denoising_end = 0.5")) {
            try sampler.stepRange(denoisingStart: 0.8, denoisingEnd: 0.5)
        }
        do {
            _ = try sampler.stepRange(strength: 0.05)
            Issue.record("strength 0.05 of 10 steps leaves no step and must throw")
        } catch let error as SchedulerError {
            guard case .emptyStepWindow(let count, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(count == 10)
            #expect(error.description.contains("raise the step count"))
        }
        #expect(try sampler.stepRange() == 0..<10)
        // A split may leave nothing to do, as in diffusers: DPM-Solver's 4 leading steps end at 201.
        let dpm = try SamplerKind.dpmpp2m.makeSampler(modelConfig: .sdxlBase, stepCount: 4)
        #expect(dpm.timesteps == [801, 601, 401, 201])
        #expect(try dpm.stepRange(denoisingStart: 0.8) == 4..<4)
        #expect(try sampler.stepRange(denoisingStart: 0, denoisingEnd: 1) == 0..<10)
    }
}
