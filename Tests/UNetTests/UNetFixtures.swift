// Where the UNet tests find their data: this target's own config fixtures, and the tiny SDXL models
// and reference outputs written by Tools/make_sdxl_fixtures.py (Tests/Fixtures/tiny-sdxl), which
// several test targets share. Both are found from this file's real location (the target folder
// may be a link).
import Foundation
import Models
import SafeTensors
import Tensors

enum UNetFixtures {
    static var targetFolder: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// A file of Tests/UNetTests/Fixtures.
    static func own(_ name: String) -> String {
        targetFolder.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// Tests/Fixtures/tiny-sdxl.
    static var tinySDXL: URL {
        targetFolder.deletingLastPathComponent().appendingPathComponent("Fixtures/tiny-sdxl")
    }

    static func tiny(_ relative: String) -> String { tinySDXL.appendingPathComponent(relative).path }

    /// One UNet case of `expected/manifest.json`.
    struct UNetCase: Decodable, Sendable, CustomStringConvertible {
        let name: String
        /// "base" or "refiner": the pipeline folder whose unet/ made the output.
        let model: String
        let timestep: Float
        let sampleShape: [Int]

        enum CodingKeys: String, CodingKey {
            case name, model, timestep
            case sampleShape = "sample_shape"
        }

        var description: String { name }
    }

    private struct Manifest: Decodable {
        struct Section: Decodable {
            let file: String
            let cases: [UNetCase]
        }
        let unet: Section
    }

    private static func manifest() throws -> Manifest {
        let data = try Data(contentsOf: tinySDXL.appendingPathComponent("expected/manifest.json"))
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    /// The UNet cases, or none when the fixture is missing (the parity test then fails on it).
    static var unetCases: [UNetCase] { (try? manifest().unet.cases) ?? [] }

    /// Inputs and reference outputs of the UNet cases (`<case>.sample`, `<case>.out`, …).
    static func expectedUNetTensors() throws -> SafeTensorsWeights {
        try SafeTensorsWeights(path: tiny("expected/" + manifest().unet.file))
    }

    /// The config and weights of `<model>/unet`, found as the program finds them (the base has
    /// sharded fp16 files, the refiner one fp16 file).
    static func unetFolder(_ model: String) throws -> (config: UNetConfig, configPath: String, weights: any WeightSource) {
        try unet(from: DiffusersFolder(tinySDXL.appendingPathComponent(model)))
    }

    /// The UNet of `tiny_sdxl_<model>.safetensors` (Stability's single-file layout), configured by
    /// the diffusers folder of the same model.
    static func singleFileUNet(_ model: String) throws -> (config: UNetConfig, configPath: String, weights: any WeightSource) {
        try unet(from: SingleFileCheckpoint(tinySDXL.appendingPathComponent("tiny_sdxl_\(model).safetensors"),
                                            configFolder: tinySDXL.appendingPathComponent(model)))
    }

    static func unet(from files: any ModelFiles) throws -> (config: UNetConfig, configPath: String, weights: any WeightSource) {
        let configPath = try files.configURL(for: .unet).path
        return (try UNetConfig.load(path: configPath), configPath, try files.weights(for: .unet))
    }

    static func loadUNet(_ model: String) throws -> UNet2DConditionModel {
        let (config, configPath, weights) = try unetFolder(model)
        return try UNet2DConditionModel(config: config, configPath: configPath, weights: weights)
    }
}

/// max |a − b| / max |b|: the parity measure of the numerics contract.
func relativeError(_ actual: Tensor, _ expected: Tensor) -> Float {
    precondition(actual.shape == expected.shape, "compare \(actual.shape) with \(expected.shape)")
    var difference: Float = 0, scale: Float = 0
    actual.withUnsafeBufferPointer { a in
        expected.withUnsafeBufferPointer { b in
            for i in 0..<b.count {
                difference = max(difference, abs(a[i] - b[i]))
                scale = max(scale, abs(b[i]))
            }
        }
    }
    return scale > 0 ? difference / scale : difference
}
