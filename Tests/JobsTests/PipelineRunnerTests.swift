import Foundation
import Imaging
import Jobs
import StableDiffusionXL
import Testing

@Suite("Pipeline runner on the tiny SDXL fixture", .serialized)
struct PipelineRunnerTests {
    static let parameters = GenerationParameters(prompt: "a photo of an astronaut riding a horse on mars",
                                                 width: 96, height: 64, steps: 5, seed: 1234, sampler: .euler,
                                                 refiner: .ensemble(switchAt: 0.6), keepBase: true)

    func makeQueue(_ folder: TemporaryFolder, host: ModelHost, previews: PreviewPolicy = PreviewPolicy(mode: .only(.latentRGB)),
                   vaePreviewDownscale: Int = 2) -> JobQueue<PipelineRunner> {
        JobQueue(runner: PipelineRunner(host: host, vaePreviewDownscale: vaePreviewDownscale),
                 configuration: .init(outputs: OutputFolder(url: folder.file("outputs")),
                                      history: JobHistory(fileURL: folder.file("history.jsonl")),
                                      previewPolicy: previews))
    }

    @Test("a queued generation gives the pipeline's own images, with stages, steps and previews")
    func generationThroughTheQueue() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let host = ModelHost(loader: TinyModels.load)
        let queue = makeQueue(folder, host: host)
        let work = GenerationWork(parameters: Self.parameters, models: TinyModels.selection,
                                  pngText: [PNGTextChunk(keyword: "parameters", text: "tiny")])
        let id = await queue.submit(try .generation(work, fileStem: "astronaut"))
        let events = await collect(queue.events(for: id))

        let kinds = events.map(kind).filter { !$0.hasPrefix("preview(") && !$0.hasPrefix("plan(") }
        // The refiner encodes its own prompts (text encoder 2 only) when the base's steps are done.
        #expect(kinds == ["queued(0)", "started", "stage(loading,0)", "stage(text_encoding,0)", "stage(base,3)",
                          "step(base,1/3)", "step(base,2/3)", "step(base,3/3)", "stage(text_encoding,0)",
                          "stage(refiner,2)", "step(refiner,1/2)", "step(refiner,2/2)", "stage(decoding,0)",
                          "finished"])
        let previews = events.compactMap { if case let .preview(image, _) = $0 { return image } else { return nil } }
        #expect(previews.count == 5)  // the latent approximation is cheap enough for every step
        #expect(events.contains { if case .previewPlan(let plan) = $0 { plan.decoder == .latentRGB } else { false } })
        #expect(previews.allSatisfy { $0.width == 12 && $0.height == 8 })

        guard case let .finished(paths, timings) = events.last else {
            Issue.record("no finished event: \(events.map(kind))")
            return
        }
        #expect(paths.map(\.lastPathComponent) == ["astronaut.png", "astronaut-base.png"])
        #expect(timings.stages.map(\.stage) == [.loading, .textEncoding, .base, .textEncoding, .refiner, .decoding])
        #expect(timings.stages.map(\.steps) == [0, 0, 3, 0, 2, 0])
        #expect(timings.previews?.count == 5)
        let stepTimes = events.compactMap { if case let .step(report) = $0 { return report.seconds } else { return nil } }
        #expect(stepTimes.count == 5 && stepTimes.allSatisfy { $0 > 0 })

        // The same generation called directly.
        let direct = try host.pipeline(for: TinyModels.selection, withRefiner: true).generate(Self.parameters)
        let saved = try PNGFile.read(paths[0])
        #expect(saved.image == (try direct.image.rgbImage()))
        #expect(saved.metadata.text.first?.text == "tiny")
        #expect(try PNGFile.read(paths[1]).image == (try direct.baseImage?.rgbImage()))
        #expect(host.loadCount == 2)  // base and refiner, once each

        let entry = try #require(try JobHistory(fileURL: folder.file("history.jsonl")).load().entries.first)
        #expect(entry.title == Self.parameters.prompt)
        #expect(try entry.settings.decode(as: GenerationParameters.self) == Self.parameters)
        #expect(entry.settings["models"]?["base"] == .string(TinyModels.selection.base))
    }

    @Test("cancelling a running generation stops it within a step, and the next one reuses the loaded models")
    func cancelThenNext() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let host = ModelHost(loader: TinyModels.load)
        let queue = makeQueue(folder, host: host)
        var long = Self.parameters
        long.steps = 40
        long.refiner = .none
        long.keepBase = false
        let first = await queue.submit(try .generation(GenerationWork(parameters: long, models: TinyModels.selection)))
        let second = await queue.submit(try .generation(GenerationWork(parameters: Self.parameters,
                                                                       models: TinyModels.selection)))
        var seenStep = 0
        var lastStep = 0
        var terminal = ""
        for await event in await queue.events(for: first) {
            if case let .step(report) = event {
                lastStep = report.index
                if seenStep == 0 {
                    seenStep = report.index
                    #expect(await queue.cancel(first))
                }
            }
            if event.isTerminal { terminal = kind(event) }
            if case let .failed(message) = event { Issue.record("failed: \(message)") }
        }
        #expect(terminal == "cancelled")
        // Events reach this task some time after the worker sent them: when other tests keep every
        // thread of the pool busy, the worker can be several steps further than the step seen here.
        // Stopping within a step of the flag is checked exactly with a gated runner (JobQueueTests);
        // here the job must stop long before its 40 steps.
        #expect(lastStep < 40, "cancelled at step \(seenStep), last step \(lastStep)")
        await queue.waitUntilIdle()
        #expect(await queue.snapshot(of: second)?.state == .finished)
        #expect(host.loadCount == 2)
        #expect(host.loadedModels.map(\.role) == [.base, .refiner])
    }

    @Test("the host lets go of models that are no longer selected and reports a missing refiner")
    func hostSelection() throws {
        let host = ModelHost(loader: TinyModels.load)
        _ = try host.pipeline(for: ModelSelection(base: TinyModels.selection.base), withRefiner: false)
        #expect(host.loadedModels.map(\.role) == [.base])
        do {
            _ = try host.pipeline(for: ModelSelection(base: TinyModels.selection.base), withRefiner: true)
            Issue.record("a refiner was made up")
        } catch let error as GenerationError {
            #expect(String(describing: error).contains("no refiner model is selected"))
        }
        _ = try host.pipeline(for: TinyModels.selection, withRefiner: true)
        _ = try host.pipeline(for: TinyModels.selection, withRefiner: false)
        #expect(host.loadedModels.count == 2)  // the refiner stays while selected
        #expect(host.loadCount == 2)
        let other = ModelSelection(base: TinyModels.root.appendingPathComponent("missing").path)
        _ = try? host.pipeline(for: other, withRefiner: false)  // no model there: the load fails
        #expect(host.loadedModels.isEmpty)
        host.unloadAll()
        #expect(host.loadedModels.isEmpty)
    }

    @Test("VAE previews decode x̂0: after the last Euler step x̂0 is the result, so the last preview is the image")
    func vaePreviews() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let host = ModelHost(loader: TinyModels.load)
        let everyStep = PreviewPolicy(mode: .only(.vae), maxShare: 1000)
        var parameters = Self.parameters
        parameters.steps = 3
        parameters.refiner = .none
        parameters.keepBase = false
        let work = GenerationWork(parameters: parameters, models: TinyModels.selection)

        let fullSize = makeQueue(folder, host: host, previews: everyStep, vaePreviewDownscale: 1)
        let id = await fullSize.submit(try .generation(work))
        let events = await collect(fullSize.events(for: id))
        let previews = events.compactMap { if case let .preview(image, step) = $0 { return (image, step) } else { return nil } }
        #expect(previews.map(\.1) == [1, 2, 3])
        guard case let .finished(paths, _) = events.last, let last = previews.last else {
            Issue.record("no finished event or preview: \(events.map(kind))")
            return
        }
        #expect(last.0 == (try PNGFile.read(paths[0]).image))
        #expect(previews[0].0 != last.0)

        let halfSize = makeQueue(folder, host: host, previews: everyStep, vaePreviewDownscale: 2)
        let small = await halfSize.submit(try .generation(work))
        let smallPreviews = await collect(halfSize.events(for: small)).compactMap {
            if case let .preview(image, _) = $0 { return image } else { return nil }
        }
        #expect(smallPreviews.count == 3)
        #expect(smallPreviews.allSatisfy { $0.width == 48 && $0.height == 32 })
    }
}
