import Foundation
import StableDiffusionXL
@testable import Studio
import Testing

@Suite struct StudioSessionTests {
    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdxl-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func roundTripsEverythingItKeeps() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("nested/tui-session.json")
        var session = StudioSession()
        var parameters = GenerationParameters(prompt: "ignored", width: 832, height: 1216, steps: 12, seed: 99)
        parameters.refiner = .ensemble(switchAt: 0.7)
        session.parameters = parameters
        session.prompts = StudioPrompts(prompt: "a cat\non two lines", negativePrompt: "blur", prompt2: "日本語 😀")
        session.theme = "solarized-dark"
        session.sizeMode = .free
        session.seedMode = .locked
        session.preview = .latent
        session.previewInterval = 3
        session.promptHistory = ["one", "two \u{1B}[31m"]
        try session.save(to: url)
        let loaded = StudioSession.load(from: url)
        #expect(loaded.problem == nil)
        #expect(loaded.session == session)
        // Written atomically: nothing but the file is left in its folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == ["tui-session.json"])
    }

    @Test func aMissingFileIsAFreshStart() throws {
        let loaded = StudioSession.load(from: URL(fileURLWithPath: "/nonexistent/tui-session.json"))
        #expect(loaded.problem == nil)
        #expect(loaded.session == StudioSession())
    }

    @Test(arguments: ["{", "[1,2]", "{\"prompts\": 5}", String(repeating: "x", count: 10)])
    func aDamagedFileIsSetAsideAndReported(_ text: String) throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("tui-session.json")
        try Data(text.utf8).write(to: url)
        let loaded = StudioSession.load(from: url)
        #expect(loaded.session == StudioSession())
        let problem = try #require(loaded.problem)
        #expect(problem.contains(url.path) && problem.contains("tui-session.json.damaged"))
        #expect(FileManager.default.fileExists(atPath: url.path + ".damaged"))
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func programResourcesAreFoundFromTheCheckout() throws {
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let resources = try #require(ProgramResources.locate(environment: ["SDXL_RESOURCES": checkout.path]))
        #expect(resources.root.standardizedFileURL == checkout.standardizedFileURL)
        #expect(FileManager.default.fileExists(atPath: resources.presets.path))
        // A relative or missing folder in the variable is passed over.
        let candidates = ProgramResources.candidates(environment: ["SDXL_RESOURCES": "relative/path"],
                                                     executable: URL(fileURLWithPath: "/usr/bin/sdxl"))
        #expect(!candidates.contains { $0.path.hasSuffix("relative/path") })
        #expect(candidates.contains { $0.path == "/usr/share/sdxl" })
    }
}
