// Loading the golden files written by Tools/make_scheduler_fixtures.py, and tolerance checks.
import Foundation
import Testing
@testable import Schedulers
import Tensors

enum FixtureError: Error, CustomStringConvertible {
    case missing(String)
    case badBase64(String)

    var description: String {
        switch self {
        case .missing(let name): return "fixture \(name) not found; run Tools/make_scheduler_fixtures.py"
        case .badBase64(let what): return "fixture field \(what) is not base64 float32 data"
        }
    }
}

enum Fixture {
    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw FixtureError.missing(name)
        }
        return try JSONDecoder().decode(type, from: Data(contentsOf: url))
    }

    /// Little-endian float32 values from base64.
    static func floats(_ text: String, _ what: String = "array") throws -> [Float] {
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else { throw FixtureError.badBase64(what) }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }

    static func tensor(_ text: String, shape: [Int], _ what: String = "tensor") throws -> Tensor {
        Tensor(shape: shape, scalars: try floats(text, what))
    }
}

/// Element-wise |actual - expected| <= rtol * |expected| + atol; records one issue naming the worst element.
@discardableResult
func expectClose(_ actual: [Float], _ expected: [Float], rtol: Float = 1e-5, atol: Float = 1e-6,
                 _ what: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    guard actual.count == expected.count else {
        Issue.record("\(what()): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
        return false
    }
    var worst = -1
    var worstExcess: Float = 0
    for i in actual.indices {
        let error = abs(actual[i] - expected[i])
        let allowed = rtol * abs(expected[i]) + atol
        if !(error <= allowed), worst < 0 || error - allowed > worstExcess || error.isNaN {
            worst = i
            worstExcess = error - allowed
        }
    }
    if worst >= 0 {
        Issue.record("\(what()): element \(worst) is \(actual[worst]), expected \(expected[worst])",
                     sourceLocation: sourceLocation)
        return false
    }
    return true
}

/// Bitwise equality, reporting the first differing element.
@discardableResult
func expectBitwiseEqual(_ actual: [Float], _ expected: [Float], _ what: @autoclosure () -> String,
                        sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    guard actual.count == expected.count else {
        Issue.record("\(what()): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
        return false
    }
    if let i = actual.indices.first(where: { actual[$0].bitPattern != expected[$0].bitPattern }) {
        let got = "\(actual[i]) (0x\(String(actual[i].bitPattern, radix: 16)))"
        let want = "\(expected[i]) (0x\(String(expected[i].bitPattern, radix: 16)))"
        Issue.record("\(what()): element \(i) is \(got), expected \(want)", sourceLocation: sourceLocation)
        return false
    }
    return true
}

/// The stand-in model of the fixtures: eps = x_in * f32(0.3 cos(t / 300)) + f32(0.1 sin(i)).
func standInModel(_ input: Tensor, timestep: Float) -> Tensor {
    let scale = Float(0.3 * cos(Double(timestep) / 300.0))
    let values = input.scalars.enumerated().map { i, x in x * scale + Float(0.1 * sin(Double(i))) }
    return Tensor(shape: input.shape, scalars: values)
}

/// Runs the pipelines' denoising loop over `indices`; returns every step's result.
func runSteps(_ sampler: inout any Sampler, latents start: Tensor, indices: Range<Int>,
              random: inout TorchCPURandomSource) -> [SamplerStep] {
    var latents = start
    var results: [SamplerStep] = []
    for i in indices {
        let input = sampler.scaleModelInput(latents, stepIndex: i)
        let output = standInModel(input, timestep: sampler.timesteps[i])
        let result = sampler.step(modelOutput: output, stepIndex: i, sample: latents, random: &random)
        latents = result.previousSample
        results.append(result)
    }
    return results
}
