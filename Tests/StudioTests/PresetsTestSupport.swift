import Foundation
import Testing
@testable import Studio

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct PresetsTemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sdxl-presets-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func subfolder(_ name: String) throws -> URL {
        let folder = url.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @discardableResult
    func write(_ text: String, to name: String, in folder: URL? = nil) throws -> URL {
        let file = (folder ?? url).appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// SplitMix64: a small deterministic generator so that "random" test cases repeat exactly.
struct PresetsTestGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476C_E5B9_E3B5
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The repository root, three levels above this file (symbolic links resolved).
let presetsRepositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The problems of a parse that is expected to fail.
func presetProblems(_ text: String, file: String = "test.toml") -> [PresetError] {
    do {
        _ = try Preset(toml: text, file: file)
        return []
    } catch {
        return error.problems
    }
}
