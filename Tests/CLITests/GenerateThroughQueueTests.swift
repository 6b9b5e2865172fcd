import Foundation
import Imaging
import ProcessHarness
import Testing

/// `sdxl generate` runs its image as a job of the queue: previews come from the job's events,
/// the job is recorded in the history, and neither changes the image.
@Suite(.serialized) struct GenerateThroughQueueTests {
    let base = SDXLBinary.fixtures.appendingPathComponent("base").path
    let refiner = SDXLBinary.fixtures.appendingPathComponent("refiner").path

    /// Runs the binary in `folder` with `XDG_DATA_HOME` pointing into it.
    func run(_ arguments: [String], in folder: URL) throws -> SDXLBinary.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = folder.appendingPathComponent("data").path
        return try ProcessHarness.runProgram(SDXLBinary.url, arguments, in: folder, environment: environment)
    }

    func files(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func previewsNeverChangeTheImage() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let common = ["generate", "--model", base, "--prompt", "a green triangle", "--steps", "3", "--seed", "21"]
        let plain = try run(common + ["--output", "off.png"], in: folder)
        #expect(plain.status == 0, "\(plain.standardError)")
        for decoder in ["vae", "latent"] {
            let result = try run(common + ["--output", "\(decoder).png", "--preview-dir", "previews-\(decoder)",
                                           "--preview-every", "1", "--preview-decoder", decoder], in: folder)
            #expect(result.status == 0, "\(result.standardError)")
            let previews = folder.appendingPathComponent("previews-\(decoder)")
            #expect(try files(in: previews) == ["step-0001.png", "step-0002.png", "step-0003.png"])
            // The VAE decodes at full size; the latent approximation gives one pixel per latent cell.
            let preview = try PNGFile.read(previews.appendingPathComponent("step-0003.png")).image
            #expect(preview.width == (decoder == "vae" ? 64 : 8))
            #expect(try Data(contentsOf: folder.appendingPathComponent("\(decoder).png"))
                    == (try Data(contentsOf: folder.appendingPathComponent("off.png"))))
        }
    }

    @Test func unknownPreviewDecoderIsOneLine() throws {
        let result = try SDXLBinary.run(["generate", "--model", base, "--prompt", "x", "--preview-decoder", "taesd"])
        #expect(result.status != 0)
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(result.standardError.contains("--preview-decoder"))
    }

    @Test func theJobIsRecordedInTheHistory() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try run(["generate", "--model", base, "--prompt", "a history", "--steps", "1", "--seed", "5",
                              "--output", "h.png"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let history = folder.appendingPathComponent("data/sdxl/history.jsonl")
        let lines = try String(contentsOf: history, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(entry["title"] as? String == "a history")
        #expect(entry["outputs"] as? [String] == [folder.appendingPathComponent("h.png").path])
        let settings = try #require(entry["settings"] as? [String: Any])
        #expect(settings["seed"] as? Int == 5)
        #expect((settings["models"] as? [String: Any])?["base"] as? String == base)
    }

    @Test func refinerStagesAndKeptBaseThroughTheQueue() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["generate", "--model", base, "--refiner", refiner, "--refiner-switch", "0.6", "--keep-base",
                         "--prompt", "x", "--steps", "5", "--seed", "4", "--json", "--output", "r.png"]
        for _ in 0..<2 {
            let result = try run(arguments, in: folder)
            #expect(result.status == 0, "\(result.standardError)")
        }
        #expect(try files(in: folder).filter { $0.hasSuffix(".png") } == ["r-1.png", "r-base-1.png", "r-base.png", "r.png"])
        let result = try run(arguments, in: folder)
        let events = try result.standardOutput.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let stages = events.filter { $0["event"] as? String == "stage" }.compactMap { $0["stage"] as? String }
        #expect(stages == ["loading", "text_encoding", "base", "text_encoding", "refiner", "decoding"])
        let steps = events.filter { $0["event"] as? String == "step" }.compactMap { $0["step"] as? Int }
        #expect(steps == [1, 2, 3, 4, 5])
    }
}

@Suite struct GenerateBenchmarkTests {
    @Test func benchTimesEachPartOfOneJob() throws {
        let base = SDXLBinary.fixtures.appendingPathComponent("base").path
        let result = try SDXLBinary.run(["bench", "generate", "--model", base, "--steps", "2", "--previews", "latent"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        for stage in ["encoding the prompt", "base model", "decoding", "total"] {
            #expect(lines.contains { $0.hasPrefix(stage) }, "no \(stage) row in:\n\(result.standardOutput)")
        }
        let stepRows = lines.filter { $0.hasPrefix("base model 1 ") || $0.hasPrefix("base model 2 ") }
        #expect(stepRows.count == 2)
        #expect(lines.contains { $0.hasPrefix("previews: 2 (latent RGB approximation)") })
        #expect(lines.contains { $0.hasPrefix("64×64, 2 steps, guided") })
    }
}
