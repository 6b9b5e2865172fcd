import ArgumentParser
import Foundation
import Imaging
import StableDiffusionXL

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate one image from the command line and write it as a PNG with its settings.",
        discussion: """
            Sizes are WIDTHxHEIGHT; crops are TOP,LEFT. The PNG carries every setting (a web-UI \
            'parameters' text and a complete JSON copy), so `--from IMAGE.png` makes the same image again; \
            flags given with --from override the stored values.
            """)

    @OptionGroup var models: ModelOptions
    @OptionGroup var settings: GenerationOptions

    @Option(help: "Where to write the PNG. It is never overwritten: an existing name gets -1, -2, … (default: the output folder).")
    var output: String?

    @Option(name: .customLong("preview-dir"), help: "Write a preview PNG of the predicted image every --preview-every steps into this folder.")
    var previewDir: String?

    @Option(name: .customLong("preview-every"), help: "Steps between previews (default 5).")
    var previewEvery: Int = 5

    @Flag(help: "Print line-delimited JSON events on standard output instead of a progress bar.")
    var json = false

    @Option(help: "Take every setting from a PNG written by sdxl.")
    var from: String?

    func validate() throws {
        guard (1...1000).contains(previewEvery) else { throw ValidationError("--preview-every must be between 1 and 1000") }
        if (settings.refinerSwitch != nil || settings.refineStrength != nil) && models.refiner == nil {
            throw ValidationError("--refiner-switch and --refine-strength need --refiner MODEL")
        }
    }

    func run() throws {
        let reporter: GenerationReporter = json ? JSONEventReporter() : ProgressBarReporter()
        do {
            try generate(reporter: reporter)
        } catch {
            reporter.failed(error)
            throw ExitCode.failure
        }
    }

    private func generate(reporter: GenerationReporter) throws {
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

        let previews = try previewDir.map { try PreviewWriter(folder: $0, every: previewEvery, pipeline: pipeline) }
        let clock = ContinuousClock()
        let start = clock.now
        let result = try pipeline.run(plan, initImage: initImage, onStep: { progress in
            reporter.step(progress, elapsed: (clock.now - start).seconds)
            if let path = previews?.write(progress) { reporter.preview(path: path, step: progress.completedSteps) }
        })

        let record = GenerationRecord(parameters: parameters, model: base, refiner: refiner, vae: vae,
                                      software: "sdxl \(SDXLVersion.current)")
        let destination = try OutputLocation.resolve(output, seed: parameters.seed)
        var paths = [try write(result.image, record: record, to: destination)]
        if let baseImage = result.baseImage {
            paths.append(try write(baseImage, record: record, to: OutputLocation.sibling(of: URL(fileURLWithPath: paths[0]), suffix: "-base")))
        }
        reporter.finished(paths: paths, seconds: (clock.now - start).seconds)
    }

    private func write(_ image: DecodedImage, record: GenerationRecord, to url: URL) throws -> String {
        let rgb = try image.rgbImage()
        let chunks = try record.textChunks(size: PixelSize(width: rgb.width, height: rgb.height))
        return try PNGFile.write(rgb, text: chunks, to: url, existing: .keep).path
    }
}
