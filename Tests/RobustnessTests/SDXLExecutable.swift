// Runs the built `sdxl` executable as a user would, for checks of what reaches the terminal and of
// what is left on disk when the process dies.
import Foundation
import ProcessHarness

enum SDXLExecutable {
    typealias Result = ProcessHarness.ProgramResult

    static let url = ProcessHarness.sdxl

    static let tinyBase = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/tiny-sdxl/base")

    static func run(_ arguments: [String], in folder: URL? = nil) throws -> Result {
        try ProcessHarness.runProgram(url, arguments, in: folder)
    }

    /// Scalars that must never reach the terminal: C0 controls but tab and newline, DEL, C1
    /// controls, and bidirectional overrides and isolates.
    static func unsafeScalars(in text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x09, 0x0A: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
            default: return false
            }
        }
    }
}
