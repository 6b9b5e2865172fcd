import ArgumentParser
import Foundation
import Imaging
import Jobs
import StableDiffusionXL

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate one image from the command line and write it as a PNG with its settings.",
        discussion: """
            Sizes are WIDTHxHEIGHT; crops are TOP,LEFT. The PNG carries every setting (a web-UI \
            'parameters' text and a complete JSON copy), so `--from IMAGE.png` makes the same image again; \
            flags given with --from override the stored values. The image is made as one job of the \
            same queue the TUI uses, and recorded in the history ($XDG_DATA_HOME/sdxl/history.jsonl).
            """)

    @OptionGroup var models: ModelOptions
    @OptionGroup var settings: GenerationOptions
    @OptionGroup var previews: PreviewOptions

    @Option(help: "Where to write the PNG. It is never overwritten: an existing name gets -1, -2, … (default: the output folder).")
    var output: String?

    @Flag(help: "Print line-delimited JSON events on standard output instead of a progress bar.")
    var json = false

    @Option(help: "Take every setting from a PNG written by sdxl.")
    var from: String?

    func validate() throws {
        if previews.previewDecoder == .taesdxl && models.tae == nil {
            throw ValidationError("--preview-decoder taesdxl needs --tae PATH (TAESDXL weights)")
        }
        if (settings.refinerSwitch != nil || settings.refineStrength != nil), (try? models.resolvedLocations())?.refiner == nil {
            throw ValidationError("--refiner-switch and --refine-strength need --refiner MODEL")
        }
    }

    func run() async throws {
        let reporter: GenerationReporter = json ? JSONEventReporter() : ProgressBarReporter()
        do {
            try await generate(reporter: reporter)
        } catch {
            reporter.failed(error)
            throw ExitCode.failure
        }
    }

    private func generate(reporter: GenerationReporter) async throws {
        var parameters = GenerationParameters(prompt: "")
        if let from {
            let url = URL(fileURLWithPath: from)
            parameters = try GenerationRecord(metadata: PNGFile.readMetadata(url), path: url.path).parameters
        }
        let seedGiven = settings.seed != nil || from != nil
        parameters = settings.applied(to: parameters)
        if !seedGiven { parameters.seed = UInt64.random(in: 0...UInt64(UInt32.max)) }
        try parameters.validate()

        let (pipeline, base, refiner, vae) = try models.load()
        let initImage = try parameters.initImage.map { try PNGFile.read(URL(fileURLWithPath: $0.path)).image }
        let plan = try pipeline.plan(parameters, initImage: initImage)
        reporter.started(seed: parameters.seed, size: plan.size, totalSteps: plan.totalSteps)

        let record = GenerationRecord(parameters: parameters, model: base,
                                      refiner: parameters.refiner.usesRefiner ? refiner : nil, vae: vae,
                                      software: "sdxl \(SDXLVersion.current)")
        let destination = try OutputLocation.resolve(output, seed: parameters.seed)
        let work = GenerationWork(parameters: parameters, models: models.selection, initImage: initImage,
                                  pngText: try record.textChunks(size: plan.size))
        let generation = QueuedGeneration(
            pipeline: pipeline, selection: models.selection,
            outputs: OutputFolder(url: destination.deletingLastPathComponent(), keepsNamesAsGiven: true),
            history: try? JobHistory.standard(), previews: previews.policy,
            tinyAutoencoder: try models.loadTinyAutoencoder(), memoryLimit: models.limit)
        let previewWriter = try previews.previewDir.map { try PreviewWriter(folder: $0) }

        var stepsBefore = 0
        let outcome = try await generation.run(work, fileStem: destination.deletingPathExtension().lastPathComponent) { event in
            switch event {
            case let .stage(stage, steps):
                if stage == .refiner { stepsBefore = plan.base.steps.count }
                reporter.stage(stage, steps: steps)
            case let .step(report):
                reporter.step(stage: report.stage, done: stepsBefore + report.index, total: plan.totalSteps,
                              elapsed: report.elapsed)
            case let .preview(image, step):
                if let path = previewWriter?.write(image, step: stepsBefore + step) {
                    reporter.preview(path: path, step: stepsBefore + step)
                }
            case let .warning(message):
                reporter.warning(message)
            default:
                break
            }
        }
        reporter.finished(paths: outcome.paths.map(\.path), seconds: outcome.timings.totalSeconds)
    }
}
