import Foundation
import Imaging
import Testing

@Suite(.serialized) struct GenerateCommandTests {
    let base = SDXLBinary.fixtures.appendingPathComponent("base").path

    @Test func fromReproducesTheImageBitForBit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try SDXLBinary.run(["generate", "--model", base, "--prompt", "a red circle", "--steps", "3",
                                        "--seed", "7", "--crop", "8,16", "--original-size", "128x96",
                                        "--output", "first.png"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let again = try SDXLBinary.run(["generate", "--model", base, "--from", "first.png", "--output", "again.png"], in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        let a = try Data(contentsOf: folder.appendingPathComponent("first.png"))
        let b = try Data(contentsOf: folder.appendingPathComponent("again.png"))
        #expect(a == b)
        // A flag given with --from overrides the stored value.
        let changed = try SDXLBinary.run(["generate", "--model", base, "--from", "first.png", "--seed", "8",
                                          "--output", "changed.png"], in: folder)
        #expect(changed.status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("changed.png")) != a)
    }

    @Test func outputsAreNeverOverwritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for _ in 0..<2 {
            let result = try SDXLBinary.run(["generate", "--model", base, "--prompt", "x", "--steps", "1",
                                             "--seed", "1", "--output", "same.png"], in: folder)
            #expect(result.status == 0)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["same-1.png", "same.png"])
    }

    @Test func imageCarriesItsSettings() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SDXLBinary.run(["generate", "--model", base, "--prompt", "a blue square", "--steps", "2",
                                         "--seed", "11", "--cfg", "6.5", "--output", "out.png"], in: folder)
        #expect(result.status == 0)
        let metadata = try PNGFile.readMetadata(folder.appendingPathComponent("out.png"))
        let parameters = try #require(metadata.text.first { $0.keyword == "parameters" }?.text)
        #expect(parameters.hasPrefix("a blue square\nSteps: 2, Sampler: euler, CFG scale: 6.5, Seed: 11, Size: 64x64"))
        #expect(metadata.text.contains { $0.keyword == "sdxl" })
    }

    @Test func jsonEventsArriveInOrder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SDXLBinary.run(["generate", "--model", base, "--prompt", "x", "--steps", "3", "--seed", "2",
                                         "--json", "--output", "j.png", "--preview-dir", "previews", "--preview-every", "1"],
                                        in: folder)
        #expect(result.status == 0)
        let events = try result.standardOutput.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let kinds = events.compactMap { $0["event"] as? String }
        #expect(kinds.first == "start")
        #expect(kinds.last == "done")
        #expect(kinds.filter { $0 == "step" }.count == 3)
        #expect(kinds.filter { $0 == "preview" }.count == 3)
        let steps = events.filter { $0["event"] as? String == "step" }.compactMap { $0["step"] as? Int }
        #expect(steps == [1, 2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("previews").path).count == 3)
    }

    @Test(arguments: [
        (["--width", "65"], "width"),
        (["--steps", "0"], "steps"),
        (["--crop", "100,0", "--original-size", "64x64"], "crops_coords_top_left"),
        (["--sampler", "nope"], "--sampler"),
        (["--refiner-switch", "0.8"], "--refiner"),
        (["--cfg", "nan"], "guidance"),
    ])
    func badValuesGetOneLineAndAFailure(arguments: [String], mentions: String) throws {
        let result = try SDXLBinary.run(["generate", "--model", base, "--prompt", "x"] + arguments)
        #expect(result.status != 0)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(result.standardError.contains(mentions), "\(result.standardError)")
    }

    @Test func missingModelIsOneLine() throws {
        let result = try SDXLBinary.run(["generate", "--model", "/nonexistent/sdxl", "--prompt", "x"])
        #expect(result.status != 0)
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(result.standardError.contains("/nonexistent/sdxl"))
    }

    /// A prompt that carries terminal escapes is stored as given but never reaches the terminal raw.
    @Test func untrustedTextIsSanitizedOnOutput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hostile = "cat\u{1B}]0;owned\u{07}\u{1B}[2J\u{202E}gnp.exe\r"
        let made = try SDXLBinary.run(["generate", "--model", base, "--prompt", hostile, "--steps", "1",
                                       "--output", "h.png"], in: folder)
        #expect(made.status == 0)
        let info = try SDXLBinary.run(["info", folder.appendingPathComponent("h.png").path])
        #expect(info.status == 0)
        let printed = info.standardOutput + info.standardError
        #expect(printed.contains("cat"))
        for forbidden: Character in ["\u{1B}", "\u{07}", "\u{202E}", "\r"] {
            #expect(!printed.contains(forbidden))
        }
    }
}
