import Foundation
import Imaging
import Jobs

/// How `sdxl generate` tells the user what is happening. Steps are counted over the whole
/// generation (base and refiner).
protocol GenerationReporter {
    func started(seed: UInt64, size: PixelSize, totalSteps: Int)
    func stage(_ stage: JobStage, steps: Int)
    func step(stage: JobStage, done: Int, total: Int, elapsed: Double)
    func preview(path: String, step: Int)
    func warning(_ message: String)
    func finished(paths: [String], seconds: Double)
    func failed(_ error: any Error)
}

/// A progress bar with it/s and ETA on standard error; the result's path on standard output.
final class ProgressBarReporter: GenerationReporter {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastStage: JobStage?
    private var barOpen = false

    func started(seed: UInt64, size: PixelSize, totalSteps: Int) {
        Console.error("seed \(seed), \(size.width)x\(size.height), \(totalSteps) steps")
    }

    func stage(_ stage: JobStage, steps: Int) {}

    func step(stage: JobStage, done: Int, total: Int, elapsed: Double) {
        let total = max(total, 1)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let width = 24
        let filled = min(width, width * done / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\(stage) \(bar) \(done)/\(total) · \(String(format: "%.2f", rate)) it/s · ETA \(Self.clock(remaining))"
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + Console.sanitized(line)).utf8))
            barOpen = done < total
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if stage != lastStage || done == total {
            Console.error(line)
        }
        lastStage = stage
    }

    func preview(path: String, step: Int) {}

    func warning(_ message: String) {
        closeBar()
        Console.error("warning: \(message)")
    }

    func finished(paths: [String], seconds: Double) {
        Console.error("done in \(String(format: "%.1f", seconds)) s")
        for path in paths { Console.line(path) }
    }

    func failed(_ error: any Error) {
        closeBar()
        Console.error("error: \(error)")
    }

    private func closeBar() {
        if barOpen { FileHandle.standardError.write(Data("\n".utf8)) }
        barOpen = false
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return String(format: "%d:%02d", total / 60, total % 60)
    }
}

/// One JSON object per line on standard output: start, stage, step, preview, warning, done, error.
/// Text inside is escaped by the JSON encoder, so no control character reaches the terminal.
final class JSONEventReporter: GenerationReporter {
    func started(seed: UInt64, size: PixelSize, totalSteps: Int) {
        emit(["event": "start", "seed": seed, "width": size.width, "height": size.height, "steps": totalSteps])
    }

    func stage(_ stage: JobStage, steps: Int) {
        emit(["event": "stage", "stage": stage.rawValue, "steps": steps])
    }

    func step(stage: JobStage, done: Int, total: Int, elapsed: Double) {
        let remaining = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        emit(["event": "step", "stage": stage.rawValue, "step": done, "total": total,
              "elapsed": rounded(elapsed), "eta": rounded(remaining)])
    }

    func preview(path: String, step: Int) {
        emit(["event": "preview", "path": path, "step": step])
    }

    func warning(_ message: String) {
        emit(["event": "warning", "message": message])
    }

    func finished(paths: [String], seconds: Double) {
        emit(["event": "done", "paths": paths, "seconds": rounded(seconds)])
    }

    func failed(_ error: any Error) {
        emit(["event": "error", "message": "\(error)"])
    }

    private func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    private func emit(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
