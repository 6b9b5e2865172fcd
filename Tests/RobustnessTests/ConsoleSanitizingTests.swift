// Terminal escape sequences hidden in prompts, paths and PNG text never reach the terminal from the
// `sdxl` executable: every line it prints is sanitized, and failures are one line.
import Foundation
import Imaging
import Testing

@Suite(.serialized) struct ConsoleSanitizingTests {
    static let hostileText = "title\u{1B}]0;pwned\u{07} clear\u{1B}[2J csi\u{9B}31m bidi\u{202E}txt.exe\u{2066} bs\u{8}del\u{7F}"

    static func expectClean(_ result: SDXLExecutable.Result, _ label: String) {
        let unsafe = SDXLExecutable.unsafeScalars(in: result.standardOutput + result.standardError)
        #expect(unsafe.isEmpty, "\(label): \(unsafe.map { String($0.value, radix: 16) })")
    }

    @Test func pngTextIsSanitizedByInfo() throws {
        let folder = try HostileFiles.scratchFolder("console")
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = try RGBImage(width: 2, height: 2, pixels: [UInt8](repeating: 9, count: 12))
        _ = try PNGFile.write(image, text: [PNGTextChunk(keyword: "parameters", text: Self.hostileText + "\nSteps: 2"),
                                        PNGTextChunk(keyword: "Comment", text: Self.hostileText, compressed: true)],
                          to: folder.appendingPathComponent("evil.png"))
        let result = try SDXLExecutable.run(["info", "evil.png"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        Self.expectClean(result, "info")
        // Whole escape sequences are dropped, payload included; lone controls become U+FFFD.
        #expect(result.standardOutput.contains("title clear csi bidi"))
        #expect(!result.standardOutput.contains("pwned"))
    }

    @Test func hostilePathsInErrorsAreSanitized() throws {
        let folder = try HostileFiles.scratchFolder("console")
        defer { try? FileManager.default.removeItem(at: folder) }
        for model in ["missing\u{1B}[31m\u{202E}", "x/\u{9B}2J.ckpt"] {
            let result = try SDXLExecutable.run(["generate", "--model", model, "--prompt", "x", "--output", "o.png"], in: folder)
            #expect(result.status != 0)
            Self.expectClean(result, model.debugDescription)
            #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        }
    }

    @Test func hostilePromptsAreSanitized() throws {
        let folder = try HostileFiles.scratchFolder("console")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try SDXLExecutable.run(["generate", "--model", SDXLExecutable.tinyBase.path, "--prompt", Self.hostileText,
                                             "--steps", "1", "--seed", "3", "--output", "o.png"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        Self.expectClean(result, "generate")
        // The prompt itself is stored as given.
        let metadata = try PNGFile.readMetadata(folder.appendingPathComponent("o.png"))
        #expect(metadata.text.text(for: "parameters")?.hasPrefix(Self.hostileText) == true)
    }

    @Test func absurdStoredSettingsFailInOneLine() throws {
        let folder = try HostileFiles.scratchFolder("console")
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = try RGBImage(width: 2, height: 2, pixels: [UInt8](repeating: 9, count: 12))
        let json = #"{"parameters":{"prompt":"\u001b[2J","width":1000000000,"height":1000000000,"steps":1000000000},"model":{"name":"m","hash":"h"},"software":"x"}"#
        _ = try PNGFile.write(image, text: [PNGTextChunk(keyword: "sdxl", text: json)], to: folder.appendingPathComponent("absurd.png"))
        let started = Date()
        let result = try SDXLExecutable.run(["generate", "--model", SDXLExecutable.tinyBase.path, "--from", "absurd.png",
                                             "--output", "o.png"], in: folder)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result.status != 0)
        Self.expectClean(result, "--from absurd.png")
        #expect(result.standardError.split(separator: "\n").filter { !$0.hasPrefix("\r") }.count >= 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("o.png").path))
    }
}
