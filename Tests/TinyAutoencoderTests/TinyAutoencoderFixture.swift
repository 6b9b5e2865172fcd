// The tiny random AutoencoderTiny and the outputs diffusers 0.42.1 decodes with it (fp32, CPU),
// written by Tools/make_tae_fixtures.py into this target's Fixtures folder.
import Foundation
import Models
import SafeTensors
import Tensors

enum TinyAutoencoderFixture {
    /// The Fixtures folder copied into the test bundle.
    static func root() throws -> URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureError.missing("the Fixtures folder in the test bundle")
        }
        return url
    }

    /// taesd-tiny/: config.json and diffusion_pytorch_model.safetensors (fp32, encoder and decoder).
    static func folder() throws -> URL { try root().appendingPathComponent("taesd-tiny") }
    /// The decoder alone, fp16, diffusers' names.
    static func decoderFile() throws -> URL { try root().appendingPathComponent("taesd-tiny-decoder.fp16.safetensors") }
    /// The decoder alone, fp16, the original TAESD code's names.
    static func originalDecoderFile() throws -> URL {
        try root().appendingPathComponent("taesd-tiny-original-decoder.safetensors")
    }

    static func config() throws -> AutoencoderTinyConfig {
        try AutoencoderTinyConfig.load(path: try folder().appendingPathComponent("config.json").path)
    }

    /// (latents, decoded) of a recorded case: "square" [1, 4, 8, 8] or "batch" [2, 4, 5, 7].
    static func decodeCase(_ name: String) throws -> (latents: Tensor, decoded: Tensor) {
        let file = try SafeTensorsFile(path: try root().appendingPathComponent("expected.safetensors").path)
        return (try file.tensor(named: "latents_\(name)"), try file.tensor(named: "decoded_\(name)"))
    }
}

enum FixtureError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self {
        case .missing(let what): "fixture missing: \(what); run Tools/make_tae_fixtures.py"
        }
    }
}

/// max |actual − expected|, infinite when the shapes differ and NaN when a value is.
func maxAbsoluteDifference(_ actual: Tensor, _ expected: Tensor) -> Float {
    guard actual.shape == expected.shape else { return .infinity }
    var largest: Float = 0
    for i in 0..<expected.count {
        let difference = abs(actual[flat: i] - expected[flat: i])
        if difference.isNaN { return .nan }
        largest = max(largest, difference)
    }
    return largest
}

/// The parity target against diffusers for the decoder's output (values of order 1), fp32.
let decodeTolerance: Float = 1e-4

/// A fresh empty folder under the system's temporary directory, removed by `cleanUp`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tae-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }
    func url(_ name: String) -> URL { URL(fileURLWithPath: file(name)) }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}
