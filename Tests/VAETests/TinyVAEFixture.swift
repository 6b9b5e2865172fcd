// The tiny SDXL VAE and its reference outputs, written by Tools/make_sdxl_fixtures.py
// (diffusers 0.42.1, fp32 on the CPU) under Tests/Fixtures/tiny-sdxl.
import Foundation
import Models
import SafeTensors
import Tensors

enum TinyVAEFixture {
    /// Tests/Fixtures/tiny-sdxl, found from this file's real location (the test folder may be linked).
    static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tiny-sdxl")

    static var vaeFolder: String { root.appendingPathComponent("base/vae").path }
    static var singleFileCheckpoint: String { root.appendingPathComponent("tiny_sdxl_base.safetensors").path }
    static func expected(_ name: String) -> String { root.appendingPathComponent("expected/\(name)").path }

    /// The VAE cases: expected/vae.safetensors.
    static func vaeCases() throws -> SafeTensorsFile {
        try SafeTensorsFile(path: expected("vae.safetensors"))
    }

    /// expected/manifest.json as plain JSON objects.
    static func manifest() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: expected("manifest.json")))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// The safetensors file of a recorded pipeline run, by scenario name.
    static func pipelineCase(_ name: String) throws -> SafeTensorsFile {
        let pipelines = (try manifest()["pipelines"] as? [[String: Any]]) ?? []
        guard let entry = pipelines.first(where: { $0["name"] as? String == name }),
              let file = entry["file"] as? String else {
            throw FixtureError.missing("pipeline scenario '\(name)' in expected/manifest.json")
        }
        return try SafeTensorsFile(path: expected(file))
    }

    static func config() throws -> AutoencoderKLConfig {
        try AutoencoderKLConfig.load(path: vaeFolder + "/config.json")
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self {
        case .missing(let what): "fixture missing: \(what); run Tools/make_sdxl_fixtures.py"
        }
    }
}

/// max |actual − expected| / max |expected|: the error relative to the output's scale.
func relativeError(_ actual: Tensor, _ expected: Tensor) -> Float {
    guard actual.shape == expected.shape else { return .infinity }
    var largestDifference: Float = 0, largestValue: Float = 0
    for i in 0..<expected.count {
        let difference = abs(actual[flat: i] - expected[flat: i])
        if difference.isNaN { return .nan }
        largestDifference = max(largestDifference, difference)
        largestValue = max(largestValue, abs(expected[flat: i]))
    }
    return largestDifference / max(largestValue, .leastNormalMagnitude)
}

/// The parity target against diffusers for whole networks in fp32.
let networkTolerance: Float = 1e-4

/// A fresh empty folder under the system's temporary directory, removed by `cleanUp`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("vae-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}
