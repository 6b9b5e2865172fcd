import Foundation
import Imaging
import Jobs
import StableDiffusionXL
import Testing

@Suite("Prompt embeddings cached by the model host", .serialized)
struct PromptEmbeddingCacheTests {
    static let parameters = GenerationParameters(prompt: "a lighthouse at dusk", negativePrompt: "fog",
                                                 width: 64, height: 64, steps: 2, guidanceScale: 5, seed: 77,
                                                 sampler: .euler)

    func makeQueue(_ folder: TemporaryFolder, host: ModelHost) -> JobQueue<PipelineRunner> {
        JobQueue(runner: PipelineRunner(host: host),
                 configuration: .init(outputs: OutputFolder(url: folder.file("outputs")),
                                      previewPolicy: PreviewPolicy(mode: .off)))
    }

    func image(of id: JobID, in queue: JobQueue<PipelineRunner>) async throws -> RGBImage {
        let events = await collect(queue.events(for: id))
        guard case let .finished(paths, _) = events.last, let path = paths.first else {
            throw JobsTestFailure("job \(id.number) did not finish: \(events.map(kind))")
        }
        return try PNGFile.read(path).image
    }

    @Test("a job that changes only the guidance scale skips the text encoders and matches an uncached run")
    func sliderChangeSkipsTextEncoding() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let host = ModelHost(loader: TinyModels.load)
        let queue = makeQueue(folder, host: host)
        let selection = ModelSelection(base: TinyModels.selection.base)

        let first = await queue.submit(try .generation(GenerationWork(parameters: Self.parameters, models: selection)))
        let firstImage = try await image(of: first, in: queue)
        #expect(host.textEncodingCount == 1)

        var slider = Self.parameters
        slider.guidanceScale = 7.5
        let second = await queue.submit(try .generation(GenerationWork(parameters: slider, models: selection)))
        let secondImage = try await image(of: second, in: queue)
        #expect(host.textEncodingCount == 1, "the second job ran the text encoders again")
        #expect(secondImage != firstImage)

        // The same settings encoded afresh (the pipeline's own encoders, no host) give the same bits.
        let direct = try host.pipeline(for: selection, withRefiner: false).generate(slider)
        #expect(secondImage == (try direct.image.rgbImage()))

        let again = await queue.submit(try .generation(GenerationWork(parameters: Self.parameters, models: selection)))
        #expect(try await image(of: again, in: queue) == firstImage)
        #expect(host.textEncodingCount == 1)

        var otherPrompt = Self.parameters
        otherPrompt.negativePrompt = "rain"
        let third = await queue.submit(try .generation(GenerationWork(parameters: otherPrompt, models: selection)))
        _ = try await image(of: third, in: queue)
        #expect(host.textEncodingCount == 2)
        #expect(host.cachedEmbeddingCount == 2)
    }

    @Test("guidance on and off need different embeddings; the refiner keeps its own")
    func keysSeparateGuidanceAndModels() throws {
        let host = ModelHost(loader: TinyModels.load)
        let pipeline = try host.pipeline(for: TinyModels.selection, withRefiner: true)
        let source = host.textConditioningSource(for: TinyModels.selection)
        var unguided = Self.parameters
        unguided.guidanceScale = 1
        let guidedBase = try source(.base, pipeline.base, Self.parameters)
        let unguidedBase = try source(.base, pipeline.base, unguided)
        #expect(guidedBase.negative != nil && unguidedBase.negative == nil)
        let refiner = try source(.refiner, try #require(pipeline.refiner), Self.parameters)
        #expect(refiner.positive.hidden.shape != guidedBase.positive.hidden.shape)  // encoder 2 alone
        #expect(host.textEncodingCount == 3)
        _ = try source(.refiner, try #require(pipeline.refiner), Self.parameters)
        #expect(host.textEncodingCount == 3)

        // Unselecting the refiner lets go of the refiner and its embeddings.
        _ = try host.pipeline(for: ModelSelection(base: TinyModels.selection.base, refiner: nil), withRefiner: false)
        #expect(host.cachedEmbeddingCount == 2)
        host.unloadAll()
        #expect(host.cachedEmbeddingCount == 0)
    }

    @Test("the pipeline reports its phases in order, with image encoding for the refiner's img2img")
    func pipelinePhases() throws {
        let host = ModelHost(loader: TinyModels.load)
        let pipeline = try host.pipeline(for: TinyModels.selection, withRefiner: true)
        var parameters = Self.parameters
        parameters.steps = 3
        parameters.refiner = .refineImage(strength: 0.5)
        parameters.keepBase = true
        let plan = try pipeline.plan(parameters)
        var phases: [PipelineStage] = []
        _ = try pipeline.run(plan, onStage: { phases.append($0) })
        let refinerSteps = try #require(plan.refiner).steps.count
        #expect(phases == [.encodingPrompt(.base), .denoising(.base, steps: 3), .decoding(.base),
                           .encodingImage(.refiner), .encodingPrompt(.refiner),
                           .denoising(.refiner, steps: refinerSteps), .decoding(.refiner)])
    }
}

struct JobsTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
