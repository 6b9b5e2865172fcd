import ArgumentParser
import Foundation
import Jobs
import Models
import Tensors

/// `sdxl bench vae`: one VAE decode, its time and the memory it adds on top of the loaded weights.
struct VAEBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vae",
        abstract: "Time one VAE decode of a model and measure the memory it adds (peak RSS during the decode minus RSS before it).",
        discussion: "The decoder's full-resolution layers run in bands of rows; --whole-picture runs them in one band, as an unbanded decoder would, for comparison.")

    @OptionGroup var source: BenchmarkModelOptions

    @Option(help: "Image width in pixels.")
    var width: Int = 1024

    @Option(help: "Image height in pixels.")
    var height: Int = 1024

    @Flag(name: .customLong("whole-picture"), help: "Decode in one band covering the whole picture.")
    var wholePicture = false

    func validate() throws {
        guard width > 0, height > 0, width % 8 == 0, height % 8 == 0, width <= 4096, height <= 4096 else {
            throw ValidationError("--width and --height must be multiples of 8 between 8 and 4096")
        }
    }

    func run() throws {
        let files = try source.open()
        let configURL = try files.configURL(for: .vae)
        let vae = try AutoencoderKL(config: AutoencoderKLConfig.load(path: configURL.path),
                                    weights: WeightLoader(files.weights(for: .vae)), configPath: configURL.path)
        let factor = vae.config.downsamplingFactor
        let latents = KernelBenchmark.random([1, vae.config.latentChannels, height / factor, width / factor])
        let banding = wholePicture ? RowBanding(floats: Int.max / 2) : .standard

        let before = ProcessMemory.residentBytes ?? 0
        ProcessMemory.resetPeak()
        let clock = ContinuousClock()
        let start = clock.now
        let counted = FLOPCounter.measure { _ = vae.decode(latents, banding: banding) }
        let seconds = (clock.now - start).seconds
        let peak = ProcessMemory.peakResidentBytes ?? 0

        Console.line("model: \(files.origin)")
        Console.line("VAE decode \(width)×\(height), \(wholePicture ? "whole picture" : "in bands of rows"), \(Parallel.threadCount) threads")
        var table = TextTable("seconds", "GFLOP", "GFLOP/s", "RSS before", "peak RSS", "added")
        table.append(formatted(seconds, digits: 2), formatted(Double(counted.flops) / 1e9, digits: 0),
                     formatted(Double(counted.flops) / seconds / 1e9), ProcessMemory.gibibytes(before),
                     ProcessMemory.gibibytes(peak), ProcessMemory.gibibytes(max(0, peak - before)))
        Console.line(table.render())
    }
}
