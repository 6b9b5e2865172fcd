import Foundation
import Imaging
import ProcessHarness
import Testing

/// The real `sdxl` binary in a detached tmux session on the tiny model: keys go in with
/// `send-keys`, the screen comes back with `capture-pane`, and the image it writes is compared
/// with `sdxl generate` run with the same settings.
@Suite("the TUI under tmux", .serialized,
       .enabled(if: ProcessHarness.which("tmux") != nil, "needs tmux"),
       .timeLimit(.minutes(3)))
struct TUIInTmuxTests {
    static let binary = ProcessHarness.sdxl.path
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tiny-sdxl")

    /// One TUI in its own tmux server, with its own config and data folders.
    final class Session {
        let socket = "sdxl-tui-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let tmux = ProcessHarness.which("tmux") ?? "/usr/bin/tmux"
        let home: URL
        var config: URL { home.appendingPathComponent("config") }
        var data: URL { home.appendingPathComponent("data") }
        var outputs: URL { home.appendingPathComponent("outputs") }

        init(arguments: [String], columns: Int = 120, rows: Int = 40, term: String = "xterm-256color") throws {
            home = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            let environment = "TERM=\(term) LANG=C.UTF-8 XDG_CONFIG_HOME=\(config.path) XDG_DATA_HOME=\(data.path)"
            // After the program: its exit status, then the terminal modes it left (stty).
            let command = "env \(environment) \(TUIInTmuxTests.binary) \(arguments.joined(separator: " ")) "
                + "--output-dir \(outputs.path) 2>\(home.path)/stderr; echo exit=$? > \(home.path)/status.tmp; "
                + "stty -a > \(home.path)/stty; mv \(home.path)/status.tmp \(home.path)/status; sleep 60"
            try ProcessHarness.run([tmux, "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(columns)",
                                    "-y", "\(rows)", command], capturing: false)
        }

        deinit {
            _ = try? ProcessHarness.run([tmux, "-L", socket, "kill-server"], capturing: false)
            try? FileManager.default.removeItem(at: home)
        }

        func keys(_ keys: String...) throws {
            try ProcessHarness.run([tmux, "-L", socket, "send-keys", "-t", "0"] + keys, capturing: false)
            usleep(150_000)
        }

        /// Types `text` literally (no key names).
        func type(_ text: String) throws {
            try ProcessHarness.run([tmux, "-L", socket, "send-keys", "-l", "-t", "0", text], capturing: false)
            usleep(150_000)
        }

        var screen: String {
            let result = try? ProcessHarness.run([tmux, "-L", socket, "capture-pane", "-p", "-t", "0"])
            return result.map { String(decoding: $0.output, as: UTF8.self) } ?? ""
        }

        func waitFor(_ text: String, seconds: Double = 30) -> Bool {
            ProcessHarness.wait(seconds: seconds) { screen.contains(text) }
        }

        var status: String? { try? String(contentsOf: home.appendingPathComponent("status"), encoding: .utf8) }
        var terminalModes: String { (try? String(contentsOf: home.appendingPathComponent("stty"), encoding: .utf8)) ?? "" }

        /// A tmux format of the pane, such as `#{alternate_on}`.
        func pane(_ format: String) -> String {
            let result = try? ProcessHarness.run([tmux, "-L", socket, "display-message", "-p", "-t", "0", format])
            return result.map { String(decoding: $0.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        }

        /// Sends `signal` to the TUI (the child of the pane's shell).
        func signal(_ signal: Int32) {
            guard let shell = Int32(pane("#{pane_pid}")) else { return }
            _ = try? ProcessHarness.run(["/usr/bin/pkill", "-\(signal)", "-P", "\(shell)"], capturing: false)
        }
        var standardError: String { (try? String(contentsOf: home.appendingPathComponent("stderr"), encoding: .utf8)) ?? "" }
    }

    static func modelArguments() -> [String] {
        ["--model", fixtures.appendingPathComponent("base").path, "--width", "64", "--height", "64",
         "--steps", "3", "--seed", "11", "--graphics", "blocks"]
    }

    @Test("type a prompt, move the size and crop sliders, generate: the PNG equals sdxl generate's")
    func generateFromTheTUI() throws {
        let session = try Session(arguments: Self.modelArguments())
        #expect(session.waitFor("F1 for help"), "\(session.screen)")
        try session.type("a red circle")
        // Tab twice: the settings. Down twice: Width; Right: one grid step (64 → 72).
        try session.keys("Tab", "Tab", "Down", "Down", "Right")
        #expect(session.waitFor("72 px", seconds: 5), "\(session.screen)")
        // Down to "Crop top" (width, height, original W, original H, crop top) and type 16.
        try session.keys("Down", "Down", "Down", "Down")
        try session.type("16")
        try session.keys("Enter")
        #expect(session.waitFor("16 px", seconds: 5), "\(session.screen)")
        try session.keys("F5")
        #expect(session.waitFor("job 1 done:", seconds: 90), "\(session.screen)")

        let made = try FileManager.default.contentsOfDirectory(at: session.outputs, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "png" }
        #expect(made.count == 1)
        let png = try #require(made.first)
        #expect(session.screen.contains(png.lastPathComponent) || session.screen.contains("job 1 done"))

        let reference = session.home.appendingPathComponent("reference.png")
        let result = try ProcessHarness.run([Self.binary, "generate", "--model", Self.fixtures.appendingPathComponent("base").path,
                                             "--prompt", "a red circle", "--width", "72", "--height", "64", "--steps", "3",
                                             "--seed", "11", "--crop", "16,0", "--output", reference.path])
        #expect(result.status == 0)
        let fromTUI = try PNGFile.read(png).image, fromCLI = try PNGFile.read(reference).image
        #expect(fromTUI.width == 72 && fromTUI.height == 64)
        #expect(fromTUI == fromCLI, "the TUI's image differs from sdxl generate's")

        // Ctrl-S saves the settings as a preset; change the steps; Ctrl-P brings them back.
        try session.keys("C-s")
        try session.type("study")
        try session.keys("Enter")
        #expect(session.waitFor("preset study saved", seconds: 5), "\(session.screen)")
        let presets = try FileManager.default.contentsOfDirectory(atPath: session.config.appendingPathComponent("sdxl/presets").path)
        #expect(presets.contains { $0.hasSuffix(".toml") })
        // Back up from "Crop top" to "Width" and widen the picture to 80; the preset puts 72 back,
        // so the second job makes the first one's picture again.
        try session.keys("Up", "Up", "Up", "Up", "Right")
        #expect(session.waitFor("80 px", seconds: 5), "\(session.screen)")
        try session.keys("C-p")
        try session.type("study")
        try session.keys("Enter")
        #expect(session.waitFor("preset study", seconds: 5), "\(session.screen)")
        try session.keys("F5")
        #expect(session.waitFor("job 2 done:", seconds: 90), "\(session.screen)")
        let second = try FileManager.default.contentsOfDirectory(at: session.outputs, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "png" && $0 != png }
        #expect(second.count == 1)
        if let again = second.first {
            #expect(try PNGFile.read(again).image == fromTUI, "the recalled preset did not give the same picture")
        }

        try session.keys("C-q")
        #expect(ProcessHarness.wait(seconds: 10) { session.status == "exit=0\n" }, "status \(session.status ?? "none")")
        let saved = try String(contentsOf: session.config.appendingPathComponent("sdxl/tui-session.json"), encoding: .utf8)
        #expect(saved.contains("a red circle"))
    }

    @Test("a terminal too small says so, and Ctrl-Q still quits")
    func tooSmall() throws {
        let session = try Session(arguments: Self.modelArguments(), columns: 50, rows: 12)
        #expect(session.waitFor("too small"), "\(session.screen)")
        try session.keys("C-q")
        #expect(ProcessHarness.wait(seconds: 10) { session.status == "exit=0\n" })
    }

    @Test("an unknown TERM is one clear line, before any model loads")
    func unknownTerminal() throws {
        let session = try Session(arguments: Self.modelArguments(), term: "no-such-terminal")
        #expect(ProcessHarness.wait(seconds: 10) { session.status != nil })
        #expect(session.status != "exit=0\n")
        let lines = session.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(session.standardError)")
        #expect(session.standardError.contains("no-such-terminal"), "\(session.standardError)")
        #expect(!session.standardError.contains("\u{1B}"))
    }

    @Test("SIGTERM mid-job gives the terminal back: main screen, cursor shown, cooked mode")
    func terminatedMidJob() throws {
        let session = try Session(arguments: ["--model", Self.fixtures.appendingPathComponent("base").path,
                                              "--width", "64", "--height", "64", "--steps", "200", "--prompt", "x",
                                              "--generate", "--graphics", "blocks"])
        #expect(session.waitFor("step ", seconds: 60), "\(session.screen)")
        #expect(session.pane("#{alternate_on}") == "1")
        session.signal(SIGTERM)
        #expect(ProcessHarness.wait(seconds: 10) { session.status != nil }, "the TUI did not end")
        #expect(session.status == "exit=143\n", "\(session.status ?? "none")")
        #expect(session.pane("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(session.pane("#{cursor_flag}") == "1", "the cursor is hidden")
        let modes = Set(session.terminalModes.split(whereSeparator: { $0.isWhitespace || $0 == ";" }).map(String.init))
        #expect(modes.isSuperset(of: ["icanon", "echo", "isig", "icrnl", "opost"]), "\(session.terminalModes)")
    }

    @Test("SIGKILL at random moments never leaves a torn image, session, preset or history file")
    func killedAtRandomMoments() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sdxl-tui-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let outputs = home.appendingPathComponent("outputs")
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        environment["XDG_DATA_HOME"] = home.appendingPathComponent("data").path
        environment["TERM"] = "xterm-256color"
        let tmux = ProcessHarness.which("tmux") ?? "/usr/bin/tmux"
        let socket = "sdxl-tui-kill-\(ProcessInfo.processInfo.processIdentifier)"
        defer { _ = try? ProcessHarness.run([tmux, "-L", socket, "kill-server"], capturing: false) }
        var killed = 0
        for run in 0..<8 {
            let command = "\(Self.binary) --model \(Self.fixtures.appendingPathComponent("base").path) --width 64 --height 64 "
                + "--steps 3 --prompt run\(run) --generate --graphics blocks --output-dir \(outputs.path)"
            try ProcessHarness.run([tmux, "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30",
                                    command], environment: environment, capturing: false)
            usleep(UInt32.random(in: 300_000...3_000_000))
            let pids = try ProcessHarness.run(["/usr/bin/pgrep", "-f", "--", "--prompt run\(run) "]).output
            for pid in String(decoding: pids, as: UTF8.self).split(separator: "\n").compactMap({ Int32($0) }) {
                if kill(pid, SIGKILL) == 0 { killed += 1 }
            }
            _ = try? ProcessHarness.run([tmux, "-L", socket, "kill-server"], capturing: false)
        }
        #expect(killed >= 4, "only \(killed) runs were killed")

        let files = FileManager.default.enumerator(atPath: home.path)?.compactMap { $0 as? String } ?? []
        for relative in files {
            let url = home.appendingPathComponent(relative)
            if relative.hasSuffix(".png") {
                #expect((try? PNGFile.read(url)) != nil, "\(relative) is torn")
            } else if relative.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) != nil, "\(relative) is torn")
            } else if relative.hasSuffix(".jsonl") {
                let lines = (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n") ?? []
                for line in lines {
                    #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(relative): torn line")
                }
            }
        }
        #expect(files.contains { $0.hasSuffix("tui-session.json") }, "no session was ever saved: \(files)")
    }
}
