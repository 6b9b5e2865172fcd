// `sdxl generate` killed with SIGKILL at random moments never leaves a partial PNG under a final
// name: every *.png in the output folder (images and previews) is complete and reads back.
import Foundation
import Imaging
import Testing

@Suite(.serialized) struct KillAtomicityTests {
    static let runs = 20

    static func arguments(output: String) -> [String] {
        ["generate", "--model", SDXLExecutable.tinyBase.path, "--prompt", "a red circle", "--steps", "3", "--seed", "5",
         "--output", output, "--preview-dir", "previews", "--preview-every", "1"]
    }

    static func launch(in folder: URL, output: String) throws -> Process {
        let process = Process()
        process.executableURL = SDXLExecutable.url
        process.arguments = arguments(output: output)
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func killedRunsLeaveOnlyCompletePNGs() throws {
        let folder = try HostileFiles.scratchFolder("kill")
        defer { try? FileManager.default.removeItem(at: folder) }

        // One run to completion gives the time scale of the random kills.
        let started = Date()
        let full = try Self.launch(in: folder, output: "out.png")
        full.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        #expect(full.terminationStatus == 0)
        #expect(duration < 20, "one tiny generation took \(duration) s")

        var generator = SystemRandomNumberGenerator()
        var delays: [Double] = []
        var killed = 0
        for _ in 0..<Self.runs {
            let delay = Double.random(in: 0...(duration * 1.1), using: &generator)
            delays.append(delay)
            let process = try Self.launch(in: folder, output: "out.png")
            usleep(UInt32(delay * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
        }
        let delayText = delays.map { String(format: "%.2f", $0) }.joined(separator: " ")
        #expect(killed >= Self.runs / 2, "only \(killed) of \(Self.runs) runs were killed (delays \(delayText) s)")

        var pngs = 0
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let relative = enumerator?.nextObject() as? String {
            let url = folder.appendingPathComponent(relative)
            guard relative.hasSuffix(".png") else { continue }
            pngs += 1
            do {
                let decoded = try PNGFile.read(url)
                #expect(decoded.image.width > 0, "\(relative)")
            } catch {
                Issue.record("\(relative) is not a complete PNG after kills at \(delayText) s: \(error)")
            }
        }
        // The completed run wrote out.png and its previews; each killed run may have added more.
        #expect(pngs >= 2)
    }
}
