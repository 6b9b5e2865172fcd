import Foundation
import Imaging
import Models
@testable import Jobs
import StableDiffusionXL
import Tensors
import Testing

@Suite("Jobs that cannot fit in memory are refused with a size that would", .serialized)
struct MemoryLimitTests {
    static let parameters = GenerationParameters(prompt: "a red circle", width: 512, height: 256, steps: 2, seed: 3)

    @Test("the estimate grows with the pixels, and the suggested size fits")
    func estimateAndSuggestion() throws {
        let pipeline = try ModelHost(loader: TinyModels.load).pipeline(for: TinyModels.selection, withRefiner: false)
        let small = try pipeline.plan(Self.parameters)
        var doubled = Self.parameters
        doubled.width = 1024
        doubled.height = 512
        let large = try pipeline.plan(doubled)
        let smallNeed = ActivationMemory(small, pipeline: pipeline), largeNeed = ActivationMemory(large, pipeline: pipeline)
        #expect(largeNeed.decoding == 4 * smallNeed.decoding)
        #expect(largeNeed.denoising == 4 * smallNeed.denoising)
        // Guidance doubles the UNet batch.
        var unguided = doubled
        unguided.guidanceScale = 1
        #expect(ActivationMemory(try pipeline.plan(unguided), pipeline: pipeline).denoising * 2 == largeNeed.denoising)

        let fitting = try #require(largeNeed.largestFitting(large.size, bytes: smallNeed.peak, multiple: 8))
        #expect(fitting.width <= 512 && fitting.height <= 256 && fitting.width >= 448)
        #expect(fitting.width == 2 * fitting.height)
        var fitted = doubled
        fitted.width = fitting.width
        fitted.height = fitting.height
        #expect(ActivationMemory(try pipeline.plan(fitted), pipeline: pipeline).peak <= smallNeed.peak)
        #expect(largeNeed.largestFitting(large.size, bytes: 1000, multiple: 8) == nil)
    }

    @Test("a job over the limit fails before any step, naming what would fit; ignoring the limit runs it")
    func refusedThenForced() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func run(_ limit: MemoryLimit) async throws -> [JobEvent] {
            let queue = JobQueue(runner: PipelineRunner(host: ModelHost(loader: TinyModels.load), memoryLimit: limit),
                                 configuration: .init(outputs: OutputFolder(url: folder.file("outputs")),
                                                      previewPolicy: PreviewPolicy(mode: .off)))
            let id = await queue.submit(try .generation(GenerationWork(parameters: Self.parameters,
                                                                       models: TinyModels.selection)))
            return await collect(queue.events(for: id))
        }
        let resident = ProcessMemory.residentBytes ?? 0
        let refused = try await run(.total(resident + 1 << 20))
        guard case let .failed(message)? = refused.last else {
            Issue.record("not refused: \(refused.map(kind))")
            return
        }
        #expect(message.contains("512x256") && message.contains("--ignore-memory-limit"), "\(message)")
        #expect(!refused.contains { if case .step = $0 { return true } else { return false } })

        let forced = try await run(.ignored)
        guard case .finished? = forced.last else {
            Issue.record("the forced job did not finish: \(forced.map(kind))")
            return
        }
    }
}

@Suite struct MemoryShortageTests {
    @Test func memoryIsShortWhenTheActivationsAndTheKeptBytesDoNotFit() {
        let resident = ProcessMemory.residentBytes ?? 0
        let limit = MemoryLimit.total(resident + 1 << 30)
        #expect(!limit.isShort(needing: 16 << 20, keeping: 16 << 20))
        #expect(limit.isShort(needing: 1 << 30, keeping: 1 << 30))
        #expect(!MemoryLimit.ignored.isShort(needing: Int.max / 4, keeping: Int.max / 4))
    }

    @Test func whenMemoryIsShortIdleWeightsGoAndThePoolKeepsLess() throws {
        let pipeline = try ModelHost(loader: TinyModels.load).pipeline(for: TinyModels.selection, withRefiner: true)
        let plan = try pipeline.plan(MemoryLimitTests.parameters)
        let activations = ActivationMemory(plan, pipeline: pipeline)
        let encoders = pipeline.base.textEncoderWeights + (pipeline.refiner?.textEncoderWeights ?? [])
        let resident = ProcessMemory.residentBytes ?? 0

        let short = MemoryLimit.total(resident)
        let denoising = try #require(PipelineRunner.memoryUse(during: .denoising(.base, steps: 2), pipeline: pipeline,
                                                              activations: activations, limit: short))
        #expect(denoising.released.map(ObjectIdentifier.init) == encoders.map(ObjectIdentifier.init))
        #expect(denoising.poolBudget == PipelineRunner.shortMemoryPoolBudget)
        let decoding = try #require(PipelineRunner.memoryUse(during: .decoding(.base), pipeline: pipeline,
                                                             activations: activations, limit: short))
        #expect(decoding.released.count == encoders.count + 2)   // and both UNets

        for plenty in [MemoryLimit.ignored, .total(resident + 64 << 30)] {
            let use = try #require(PipelineRunner.memoryUse(during: .denoising(.refiner, steps: 2), pipeline: pipeline,
                                                            activations: activations, limit: plenty))
            #expect(use.released.isEmpty)
            #expect(use.poolBudget == BufferPool.standardBudget)
        }
        #expect(PipelineRunner.memoryUse(during: .encodingPrompt(.base), pipeline: pipeline, activations: activations,
                                         limit: short) == nil)
    }
}
