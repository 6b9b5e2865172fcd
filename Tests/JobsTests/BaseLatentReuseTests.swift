import Foundation
import Imaging
import Jobs
import StableDiffusionXL
import Testing

@Suite("The base stage reused when only the refiner's settings change", .serialized)
struct BaseLatentReuseTests {
    static let parameters: GenerationParameters = {
        var parameters = GenerationParameters(prompt: "a lighthouse at dusk", negativePrompt: "fog",
                                              width: 64, height: 64, steps: 4, guidanceScale: 5, seed: 21,
                                              sampler: .eulerAncestral)
        parameters.refiner = .ensemble(switchAt: 0.5)
        return parameters
    }()

    func run(_ parameters: GenerationParameters, on queue: JobQueue<PipelineRunner>) async throws -> (RGBImage, [JobEvent]) {
        let id = await queue.submit(try .generation(GenerationWork(parameters: parameters, models: TinyModels.selection)))
        let events = await collect(queue.events(for: id))
        guard case let .finished(paths, _) = events.last, let path = paths.first else {
            throw JobsTestFailure("the job did not finish: \(events.map(kind))")
        }
        return (try PNGFile.read(path).image, events)
    }

    /// The base steps a job ran, from its step events.
    func baseSteps(_ events: [JobEvent]) -> Int {
        events.filter { if case let .step(report) = $0 { return report.stage == .base } else { return false } }.count
    }

    @Test("a new aesthetic score or refinement strength runs the refiner alone, bit-identical to a full run",
          arguments: [
              { (p: inout GenerationParameters) in p.aestheticScore = 3.5 },
              { (p: inout GenerationParameters) in p.refinerSeed = 5 },
              { (p: inout GenerationParameters) in p.refiner = .refineImage(strength: 0.5) },
          ] as [@Sendable (inout GenerationParameters) -> Void])
    func refinerOnlyChanges(_ change: @Sendable (inout GenerationParameters) -> Void) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let host = ModelHost(loader: TinyModels.load)
        let queue = JobQueue(runner: PipelineRunner(host: host),
                             configuration: .init(outputs: OutputFolder(url: folder.file("outputs")),
                                                  previewPolicy: PreviewPolicy(mode: .off)))
        var first = Self.parameters
        if case .refineImage = { var p = Self.parameters; change(&p); return p }().refiner {
            first.refiner = .none  // a finished base image, then refined
        }
        let (_, firstEvents) = try await run(first, on: queue)
        #expect(baseSteps(firstEvents) > 0)

        var changed = Self.parameters
        change(&changed)
        let (image, events) = try await run(changed, on: queue)
        #expect(baseSteps(events) == 0, "the base ran again")
        #expect(events.contains { if case let .step(report) = $0 { return report.stage == .refiner } else { return false } })

        let fresh = try host.pipeline(for: TinyModels.selection, withRefiner: true).generate(changed)
        #expect(image == (try fresh.image.rgbImage()), "reusing the base changed the picture")
    }

    @Test("a change the base depends on runs it again")
    func baseChangesRunTheBase() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let queue = JobQueue(runner: PipelineRunner(host: ModelHost(loader: TinyModels.load)),
                             configuration: .init(outputs: OutputFolder(url: folder.file("outputs")),
                                                  previewPolicy: PreviewPolicy(mode: .off)))
        _ = try await run(Self.parameters, on: queue)
        for change in [{ (p: inout GenerationParameters) in p.refiner = .ensemble(switchAt: 0.75) },
                       { (p: inout GenerationParameters) in p.seed = 22 },
                       { (p: inout GenerationParameters) in p.cropTopLeft = CropOffset(top: 8, left: 0) }] {
            var changed = Self.parameters
            change(&changed)
            let (_, events) = try await run(changed, on: queue)
            #expect(baseSteps(events) > 0)
        }
    }
}
