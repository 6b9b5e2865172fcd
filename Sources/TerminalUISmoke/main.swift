// A small program that runs the ncurses backend in a real terminal, for the TerminalUI tests
// (driven through tmux, or through xterm under Xvfb for sixel pictures). Not part of the product.
//
//   TerminalUISmoke keys  [report-file]   draw a frame, show each key's name, q quits
//   TerminalUISmoke sixel [report-file]   draw a frame, then a sixel picture at row 2, column 4
//
// The report file gets "pid=<process id>", "sixel=1" or "sixel=0" from the terminal's DA1
// reply, "size=COLSxROWS", and "key=<name>" for each key read.

import Imaging
import Foundation
import TerminalUI

// Test runners may start programs with signals blocked; this one must die of the signals the
// tests send (and restore the terminal on the way), so it unblocks them.
var deliverable = sigset_t()
sigemptyset(&deliverable)
for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP] {
    sigaddset(&deliverable, signal)
}
sigprocmask(SIG_UNBLOCK, &deliverable, nil)

let arguments = CommandLine.arguments
let mode = arguments.count > 1 ? arguments[1] : "keys"
let reportPath = arguments.count > 2 ? arguments[2] : nil

func report(_ line: String) {
    guard let reportPath else { return }
    let data = Data((line + "\n").utf8)
    if let handle = FileHandle(forWritingAtPath: reportPath) {
        handle.seekToEndOfFile()
        handle.write(data)
        handle.closeFile()
    } else {
        _ = FileManager.default.createFile(atPath: reportPath, contents: data)
    }
}

report("pid=\(ProcessInfo.processInfo.processIdentifier)")
let attributes = DeviceAttributes.query(descriptor: STDIN_FILENO, timeoutMilliseconds: 1000)
report("sixel=\(attributes?.supportsSixel == true ? 1 : 0)")

let backend: NCursesBackend
do {
    backend = try NCursesBackend()
} catch {
    report("error=\(error)")
    FileHandle.standardError.write(Data("TerminalUISmoke: \(error)\n".utf8))
    exit(2)
}
report("size=\(backend.size.columns)x\(backend.size.rows)")

let theme = Theme.fallback
var lastKey = "none"

@MainActor
func frame() -> CellBuffer {
    let size = backend.size
    var buffer = CellBuffer(width: size.columns, height: size.rows)
    let block = Block(title: "Smoke 日本語", isFocused: true)
    block.render(in: buffer.area, buffer: &buffer)
    let rows = block.inner(buffer.area).split(.vertical, [.length(1), .length(1), .length(1), .length(1), .fill(1)])
    Label("wide: 漢字かな|emoji: 😀|flag: 🇫🇷|mark: e\u{301}|end").render(in: rows[0], buffer: &buffer)
    Label("last key: \(lastKey)").render(in: rows[1], buffer: &buffer)
    ProgressBar(fraction: 0.4, label: ProgressText.steps(completed: 12, total: 30, stepsPerSecond: 1.4,
                                                          secondsRemaining: 17)).render(in: rows[2], buffer: &buffer)
    Label("size: \(size.columns)x\(size.rows) colours: \(backend.capability)").render(in: rows[3], buffer: &buffer)
    return buffer
}

@MainActor
func drawPicture() {
    guard var image = try? RGBImage(width: 48, height: 36, red: 230, green: 20, blue: 20) else {
        report("sixel-encode=failed")
        return
    }
    for y in 0..<36 {
        for x in 24..<48 { image.setPixel(x: x, y: y, red: 20, green: 200, blue: 30) }
    }
    guard let sixel = try? SixelEncoder.encode(image) else {
        report("sixel-encode=failed")
        return
    }
    backend.writeRaw(SixelPlacement.drawSequence(sixel: sixel, row: 2, column: 4))
    report("sixel-drawn=1")
}

do {
    try backend.draw(frame(), theme: theme)
    if mode == "sixel" { drawPicture() }
    while true {
        guard let key = backend.readKey(timeoutMilliseconds: 200) else { continue }
        if key == Key(.character("q")) { break }
        lastKey = key.description
        report("key=\(lastKey)")
        try backend.draw(frame(), theme: theme)
        if mode == "sixel" { drawPicture() }
    }
} catch {
    backend.shutdown()
    FileHandle.standardError.write(Data("TerminalUISmoke: \(error)\n".utf8))
    exit(1)
}
backend.shutdown()
report("exit=0")
