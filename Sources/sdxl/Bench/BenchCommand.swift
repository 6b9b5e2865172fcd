import ArgumentParser
import Foundation
import Models

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine's speed on this machine.",
        discussion: "Figures from one run are comparable with each other; compare ratios, not absolute times, on a shared machine.",
        subcommands: [GemmBenchmark.self, KernelBenchmark.self, UNetBenchmark.self, VAEBenchmark.self, GenerateBenchmark.self])
}

/// Options shared by the benchmarks.
struct BenchmarkOptions: ParsableArguments {
    @Option(help: "Seconds to spend measuring each figure (the best repetition is reported).")
    var seconds: Double = 0.5

    @Option(help: "Threads to use for the multi-threaded figures (default: all cores).")
    var threads: Int?

    func validate() throws {
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
        if let threads, threads < 1 || threads > 1024 {
            throw ValidationError("--threads must be between 1 and 1024")
        }
    }
}

/// The model a benchmark loads parts of.
struct BenchmarkModelOptions: ParsableArguments {
    @Option(help: "The model (diffusers folder, single file or cached repository name).")
    var model: String

    @Option(help: "A diffusers folder whose configs describe a single-file checkpoint.")
    var config: String?

    func open(residency: WeightResidency = .float32) throws -> any ModelFiles {
        let location = try ModelLocation.resolve(model, environment: ProcessInfo.processInfo.environment)
        return try location.open(configFolder: config.map { URL(fileURLWithPath: $0) }, residency: residency)
    }
}
