import Foundation
import ProcessHarness

/// The built `sdxl` executable and the tiny model it runs on in these tests.
enum SDXLBinary {
    typealias Result = ProcessHarness.ProgramResult

    static let url = ProcessHarness.sdxl

    static let fixtures = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tiny-sdxl")

    static func run(_ arguments: [String], in folder: URL? = nil) throws -> Result {
        try ProcessHarness.runProgram(url, arguments, in: folder)
    }
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sdxl-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
