import ArgumentParser
import Foundation
import Jobs
import Models
import Tensors


struct UNetBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unet",
        abstract: "Time one UNet forward of a model: ms, GFLOP, GFLOP/s, share of the sgemm peak, peak memory.")

    @OptionGroup var source: BenchmarkModelOptions

    @Option(help: "Image width in pixels (the latent is width/8).")
    var width: Int = 512

    @Option(help: "Image height in pixels.")
    var height: Int = 512

    @Option(help: "Batch size: 2 is one classifier-free-guidance step.")
    var batch: Int = 2

    @Option(help: "Forward passes to time; the fastest is reported.")
    var repeats: Int = 2

    @Option(help: "How weights stay in memory: float32 (widened at load) or half (as stored, widened per layer).")
    var weights: WeightResidency = .float32

    @Option(help: "A safetensors file of inputs and PyTorch's output (Tools/bench_torch_unet.py --save-reference): run on those inputs and print the relative error.")
    var reference: String?

    func validate() throws {
        guard width > 0, height > 0, width % 8 == 0, height % 8 == 0, width <= 4096, height <= 4096 else {
            throw ValidationError("--width and --height must be multiples of 8 between 8 and 4096")
        }
        guard (1...16).contains(batch) else { throw ValidationError("--batch must be between 1 and 16") }
        guard (1...100).contains(repeats) else { throw ValidationError("--repeats must be between 1 and 100") }
    }

    func run() throws {
        let files = try source.open(residency: weights)
        let clock = ContinuousClock()
        var unet: UNet2DConditionModel?
        let loading = try clock.measure {
            unet = try UNet2DConditionModel(config: UNetConfig.load(path: files.configURL(for: .unet).path),
                                            configPath: files.configURL(for: .unet).path,
                                            weights: files.weights(for: .unet))
        }
        guard let unet else { return }
        let inputs = try reference.map { try UNetInputs(referenceFile: $0) }
            ?? UNetInputs(random: unet.layout, width: width, height: height, batch: batch,
                          aestheticScore: files.index.requiresAestheticsScore)

        let peak = GemmShape.sdxl.map { $0.flops / $0.measure(budget: 0.3) / 1e9 }.max() ?? 1
        var best = Double.infinity
        var flops = 0
        var output: Tensor?
        for _ in 0..<repeats {
            let start = clock.now
            let counted = try FLOPCounter.measure {
                try unet(sample: inputs.sample, timestep: inputs.timestep, encoderHiddenStates: inputs.context,
                         textEmbeds: inputs.textEmbeds, timeIds: inputs.timeIds)
            }
            flops = counted.flops
            output = counted.result
            best = min(best, (clock.now - start).seconds)
        }
        let rate = Double(flops) / best / 1e9
        Console.line("model: \(files.origin)")
        let size = inputs.sample.shape
        Console.line("UNet \(size[3] * 8)×\(size[2] * 8), batch \(size[0]), \(Parallel.threadCount) threads, \(weights.rawValue) weights, loaded in \(formatted(loading.seconds, digits: 1)) s")
        var table = TextTable("ms per forward", "GFLOP", "GFLOP/s", "% of sgemm peak", "peak RSS")
        table.append(formatted(best * 1e3, digits: 0), formatted(Double(flops) / 1e9, digits: 0), formatted(rate),
                     formatted(100 * rate / peak), ProcessMemory.peakResidentDescription)
        Console.line(table.render())
        Console.line("sgemm peak in this run: \(formatted(peak)) GFLOP/s")
        if let expected = inputs.expected, let output {
            Console.line("relative error against the reference (max |ours − theirs| / max |theirs|): "
                         + String(format: "%.2e", UNetInputs.relativeError(output, expected)))
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
