import Foundation
import Testing
@testable import TerminalUI

/// The ncurses backend in a real terminal: the smoke program runs in a detached tmux session,
/// keys go in with `send-keys`, the screen comes back with `capture-pane`.
@Suite("ncurses backend under tmux", .serialized,
       .enabled(if: TestSupport.which("tmux") != nil && TestSupport.smokeExecutable != nil,
                "needs tmux and the TerminalUISmoke program"),
       .timeLimit(.minutes(1)))
struct NCursesTmuxTests {
    final class Session {
        let socket = "terminalui-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let tmux = TestSupport.which("tmux") ?? "/usr/bin/tmux"
        let reportPath: String

        /// What the pane's shell finds after the smoke program ended: its exit status and `stty -a`.
        let afterPath: String

        /// With `inspectAfterExit`, the pane's shell outlives the program and records what it
        /// finds at `afterPath`.
        init(term: String = "xterm-256color", columns: Int = 80, rows: Int = 24, inspectAfterExit: Bool = false) throws {
            reportPath = TestSupport.temporaryPath("\(socket).report")
            afterPath = TestSupport.temporaryPath("\(socket).after")
            let smoke = TestSupport.smokeExecutable ?? ""
            // tmux runs this with sh -c.
            var command = "env TERM=\(term) LANG=C.UTF-8 \(smoke) keys \(reportPath)"
            if inspectAfterExit {
                command += "; echo status=$? > \(afterPath).tmp; stty -a >> \(afterPath).tmp; "
                    + "mv \(afterPath).tmp \(afterPath); sleep 60"
            }
            // The first command starts the server, which keeps its output open: do not capture it.
            try TestSupport.run([tmux, "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(columns)",
                                 "-y", "\(rows)", command], capturing: false)
        }

        deinit {
            _ = try? TestSupport.run([tmux, "-L", socket, "kill-server"], capturing: false)
            try? FileManager.default.removeItem(atPath: reportPath)
            try? FileManager.default.removeItem(atPath: afterPath)
        }

        @discardableResult
        func tmux(_ arguments: [String]) throws -> String {
            let result = try TestSupport.run([tmux, "-L", socket] + arguments)
            return String(decoding: result.output, as: UTF8.self)
        }

        var report: [String] { TestSupport.report(reportPath) }

        func waitFor(_ line: String, seconds: Double = 8) -> Bool {
            TestSupport.wait(seconds: seconds) { report.contains(line) }
        }

        func waitForPrefix(_ prefix: String, seconds: Double = 8) -> Bool {
            TestSupport.wait(seconds: seconds) { report.contains { $0.hasPrefix(prefix) } }
        }

        func screen() throws -> [String] {
            try tmux(["capture-pane", "-p", "-t", "0"]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }

        func paneFormat(_ format: String) throws -> String {
            try tmux(["display-message", "-p", "-t", "0", format]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test("a frame with wide characters lines up, and keys decode")
    func frameAndKeys() throws {
        let session = try Session()
        #expect(session.waitForPrefix("size="))
        #expect(session.report.contains("size=80x24"))
        #expect(session.report.contains("sixel=0"), "tmux does not pass sixel through")
        #expect(TestSupport.wait(seconds: 5) { ((try? session.screen()) ?? []).first?.hasPrefix("╭─ Smoke 日本語 ─") == true })
        let screen = try session.screen()
        #expect(screen[1].contains("wide: 漢字かな|emoji: 😀|flag: 🇫🇷|mark: e\u{301}|end"))
        #expect(screen[3].contains("step 12/30 · 1.4 it/s · ETA 0:17"))
        for row in 0..<24 {
            #expect(TerminalText.width(of: screen[row]) == 80, "row \(row): \(screen[row])")
        }
        #expect(screen[1].hasSuffix("│"))
        #expect(screen[23].hasPrefix("╰") && screen[23].hasSuffix("╯"))

        let keys: [(String, String)] = [("C-Left", "Ctrl-Left"), ("F5", "F5"), ("BTab", "Shift-Tab"), ("C-r", "Ctrl-R"),
                                        ("M-x", "Alt-x"), ("C-Up", "Ctrl-Up"), ("S-Up", "Shift-Up"), ("PageDown", "PgDn"),
                                        ("C-s", "Ctrl-S"), ("C-q", "Ctrl-Q"), ("C-z", "Ctrl-Z"), ("Home", "Home"),
                                        ("F12", "F12"), ("DC", "Delete"), ("BSpace", "Backspace"), ("Enter", "Enter"),
                                        ("é", "é")]
        for (name, expected) in keys {
            try session.tmux(["send-keys", "-t", "0", name])
            #expect(session.waitFor("key=\(expected)", seconds: 3), "\(name) should read as \(expected)")
        }
        try session.tmux(["send-keys", "-t", "0", "Escape"])
        #expect(session.waitFor("key=Esc", seconds: 3))
        #expect(try session.screen()[2].contains("last key: Esc"))
        try session.tmux(["send-keys", "-t", "0", "q"])
        #expect(session.waitFor("exit=0"))
    }

    @Test("resizing reports a resize key and the frame follows the new size")
    func resize() throws {
        let session = try Session()
        #expect(session.waitForPrefix("size="))
        try session.tmux(["resize-window", "-t", "0", "-x", "100", "-y", "30"])
        #expect(session.waitFor("key=Resize"))
        #expect(TestSupport.wait(seconds: 3) { ((try? session.screen()) ?? []).contains { $0.contains("size: 100x30") } })
        let screen = try session.screen()
        #expect(screen[29].hasPrefix("╰") && TerminalText.width(of: screen[29]) == 100)
    }

    @Test("signals give the terminal back: normal screen, visible cursor, terminal modes",
          arguments: [SIGTERM, SIGINT, SIGHUP, SIGSEGV, SIGABRT])
    func restoreOnSignal(_ signal: Int32) throws {
        let session = try Session(inspectAfterExit: true)
        #expect(session.waitForPrefix("size="))
        #expect(TestSupport.wait(seconds: 3) { (try? session.paneFormat("#{alternate_on} #{cursor_flag}")) == "1 0" })
        let pidLine = try #require(session.report.first { $0.hasPrefix("pid=") })
        let pid = try #require(Int32(pidLine.dropFirst(4)))
        kill(pid, signal)
        #expect(TestSupport.wait(seconds: 5) { FileManager.default.fileExists(atPath: session.afterPath) })
        let after = try String(contentsOfFile: session.afterPath, encoding: .utf8)
        #expect(after.hasPrefix("status=\(128 + signal)\n"), "died of the signal (default action after the handler)")
        let modes = Set(after.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        for mode in ["icanon", "echo", "isig", "ixon", "icrnl", "opost"] {
            #expect(modes.contains(mode), "terminal mode \(mode) restored: \(after)")
        }
        #expect(try session.paneFormat("#{alternate_on} #{cursor_flag}") == "0 1", "normal screen, cursor shown")
    }

    @Test("an unknown TERM is a clear error, not an exit from inside ncurses")
    func unknownTerminal() throws {
        let session = try Session(term: "no-such-terminal-type")
        #expect(session.waitForPrefix("error="))
        #expect(session.report.contains {
            $0.contains("the terminal type \"no-such-terminal-type\" is not in the terminfo database")
        })
    }
}
