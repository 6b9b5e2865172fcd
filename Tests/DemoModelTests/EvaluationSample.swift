// The evaluation sample the demo model's tests generate, with what diffusers' pipelines made of the
// same cases: Fixtures/expected.json, written by `Tools/demo-model/evaluate.py --swift-fixture`.
import Foundation
import Imaging
import StableDiffusionXL

struct EvaluationSample: Decodable {
    let steps: Int
    let guidanceScale: Double
    let width: Int
    let height: Int
    let refinerSwitch: Double
    let cases: [Case]

    struct Case: Decodable, Sendable, CustomStringConvertible {
        let kind: String
        let prompt: String
        let colour: String
        let background: String
        let heldOut: Bool
        let seed: UInt64
        let cropTopLeft: [Int]
        let originalSize: [Int]
        let refiner: Bool
        let expected: Measured
        let meanRgb: [Double]

        /// What decides the picture (cases of different kinds may share one).
        var generationKey: String {
            "\(prompt)|\(seed)|\(cropTopLeft)|\(originalSize)|\(refiner)"
        }

        var description: String {
            "\(kind): '\(prompt)' seed \(seed), crop \(cropTopLeft), original \(originalSize)\(refiner ? ", refined" : "")"
        }
    }

    /// The measurements of diffusers' picture for a case.
    struct Measured: Decodable, Sendable {
        let background: String
        let object: String?
        let cut: Bool
        let highFrequency: Double
    }

    static let loaded: Result<EvaluationSample, any Error> = Result {
        guard let url = Bundle.module.url(forResource: "Fixtures/expected", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/expected.json"])
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(EvaluationSample.self, from: Data(contentsOf: url))
    }

    static func cases(_ kind: String) throws -> [Case] {
        try loaded.get().cases.filter { $0.kind == kind }
    }

    /// The parameters of a case, as evaluate.py passes them to diffusers.
    static func parameters(for sample: Case) throws -> GenerationParameters {
        let settings = try loaded.get()
        return GenerationParameters(
            prompt: sample.prompt, width: settings.width, height: settings.height, steps: settings.steps,
            guidanceScale: settings.guidanceScale, seed: sample.seed,
            originalSize: PixelSize(width: sample.originalSize[1], height: sample.originalSize[0]),
            cropTopLeft: CropOffset(top: sample.cropTopLeft[0], left: sample.cropTopLeft[1]),
            refiner: sample.refiner ? .ensemble(switchAt: settings.refinerSwitch) : .none)
    }
}
