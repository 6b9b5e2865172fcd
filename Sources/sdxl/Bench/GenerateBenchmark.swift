import ArgumentParser
import Foundation
import Imaging
import Jobs
import Models
import StableDiffusionXL
import Tensors

/// `sdxl bench generate`: one whole generation through the job queue and the pipeline runner, as
/// `sdxl generate` and the TUI run it, with the time of each part.
struct GenerateBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Time one whole generation: loading, text encoding, each UNet step, VAE decoding and previews.",
        discussion: """
            The generation runs as one job of the queue that `sdxl generate` and the TUI use; its image is \
            not kept. The settings are those of `sdxl generate`, except that --steps defaults to 4 and \
            --prompt to a fixed text. Step times leave out the previews, which are timed on their own.
            """)

    @OptionGroup var models: ModelOptions
    @OptionGroup var settings: GenerationOptions

    @Option(help: "How previews are made during the run: vae, latent or auto (default auto).")
    var previews: PreviewDecoderChoice = .auto

    @Option(name: .customLong("preview-every"), help: "Steps between previews (default 1); with auto, the longest interval allowed.")
    var previewEvery: Int = 1

    @Flag(name: .customLong("no-previews"), help: "Make no previews.")
    var noPreviews = false

    /// Steps when --steps is not given: enough for a stable mean.
    static let defaultSteps = 4

    func validate() throws {
        guard (1...1000).contains(previewEvery) else { throw ValidationError("--preview-every must be between 1 and 1000") }
        if (settings.refinerSwitch != nil || settings.refineStrength != nil) && models.refiner == nil {
            throw ValidationError("--refiner-switch and --refine-strength need --refiner MODEL")
        }
    }

    /// A step as the job reported it.
    struct StepTime {
        var stage: JobStage
        var index: Int
        var seconds: Double
    }

    func run() async throws {
        var parameters = settings.applied(to: GenerationParameters(prompt: "a photo of a lighthouse at dusk"))
        if settings.steps == nil { parameters.steps = Self.defaultSteps }
        try parameters.validate()

        let clock = ContinuousClock()
        var loaded: (pipeline: SDXLPipeline, baseFiles: any ModelFiles, refinerFiles: (any ModelFiles)?)?
        let loading = try clock.measure { loaded = try models.loadPipeline() }
        guard let pipeline = loaded?.pipeline, let origin = loaded?.baseFiles.origin else { return }
        let initImage = try parameters.initImage.map { try PNGFile.read(URL(fileURLWithPath: $0.path)).image }
        let plan = try pipeline.plan(parameters, initImage: initImage)

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sdxl-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let generation = QueuedGeneration(pipeline: pipeline, selection: models.selection,
                                          outputs: OutputFolder(url: scratch), history: nil, previews: previewPolicy,
                                          tinyAutoencoder: try models.loadTinyAutoencoder(), memoryLimit: models.limit)
        var steps: [StepTime] = []
        var decoders: Set<PreviewDecoderKind> = []
        let outcome = try await generation.run(GenerationWork(parameters: parameters, models: models.selection,
                                                              initImage: initImage), fileStem: "bench") { event in
            switch event {
            case let .step(report):
                steps.append(StepTime(stage: report.stage, index: report.index, seconds: report.seconds ?? .nan))
            case let .previewPlan(plan):
                if let decoder = plan.decoder { decoders.insert(decoder) }
            case let .warning(message):
                Console.error("warning: \(message)")
            default:
                break
            }
        }

        Console.line("model: \(origin)")
        Console.line("\(plan.size.width)×\(plan.size.height), \(plan.totalSteps) steps, "
                     + (parameters.usesClassifierFreeGuidance ? "guided (batch 2)" : "unguided (batch 1)")
                     + ", \(Parallel.threadCount) threads, \(models.weights.rawValue) weights, loaded in "
                     + "\(formatted(loading.seconds, digits: 1)) s")
        Console.line(Self.stageTable(outcome.timings, steps: steps).render())
        Console.line(Self.stepTable(steps).render())
        if let made = outcome.timings.previews {
            let kinds = decoders.sorted().map(\.description).joined(separator: ", ")
            Console.line("previews: \(made.count) (\(kinds)), \(formatted(made.seconds, digits: 2)) s in all, "
                         + "\(formatted(made.seconds / Double(max(made.count, 1)) * 1e3, digits: 1)) ms each")
        } else {
            Console.line("previews: none")
        }
        Console.line("peak RSS: \(ProcessMemory.peakResidentDescription)")
    }

    private var previewPolicy: PreviewPolicy {
        if noPreviews { return PreviewPolicy(mode: .off) }
        switch previews {
        case .vae: return PreviewPolicy(mode: .fixed(.vae, interval: previewEvery))
        case .latent: return PreviewPolicy(mode: .fixed(.latentRGB, interval: previewEvery))
        case .taesdxl: return PreviewPolicy(mode: .fixed(.tinyAutoencoder, interval: previewEvery))
        case .auto: return PreviewPolicy(mode: .automatic, maxInterval: previewEvery)
        }
    }

    /// One row per stage as it ran: seconds, steps, and the mean step time (previews excluded).
    static func stageTable(_ timings: JobTimings, steps: [StepTime]) -> TextTable {
        var table = TextTable("stage", "seconds", "steps", "s per step")
        for stage in timings.stages {
            let own = steps.filter { $0.stage == stage.stage }.map(\.seconds)
            let mean = stage.steps > 0 && !own.isEmpty ? formatted(own.reduce(0, +) / Double(own.count), digits: 3) : ""
            table.append(stage.stage.description, formatted(stage.seconds, digits: 3),
                         stage.steps > 0 ? "\(stage.steps)" : "", mean)
        }
        table.append("total", formatted(timings.totalSeconds, digits: 3), "\(steps.count)", "")
        return table
    }

    /// One row per UNet step.
    static func stepTable(_ steps: [StepTime]) -> TextTable {
        var table = TextTable("step", "seconds")
        for step in steps { table.append("\(step.stage) \(step.index)", formatted(step.seconds, digits: 3)) }
        return table
    }
}
