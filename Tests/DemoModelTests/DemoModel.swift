// The bundled demo model (DemoModel/ at the repository root, trained by Tools/demo-model/train.py),
// loaded once as the program loads it: the base, then the refiner sharing its text encoder 2 and VAE.
import Foundation
import Imaging
import Models
import StableDiffusionXL

enum DemoModel {
    /// DemoModel/, found from this file's real location (the test folder may be a link).
    static var root: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DemoModel")
    }

    static let loaded: Result<SDXLPipeline, any Error> = Result {
        let base = try SDXLModel.load(from: DiffusersFolder(root.appendingPathComponent("base")))
        let refiner = try SDXLModel.load(from: DiffusersFolder(root.appendingPathComponent("refiner")),
                                         sharingWith: base)
        return SDXLPipeline(base: base, refiner: refiner)
    }

    static func pipeline() throws -> SDXLPipeline { try loaded.get() }

    /// The picture of one evaluation case.
    static func picture(_ sample: EvaluationSample.Case) throws -> RGBImage {
        try pipeline().generate(EvaluationSample.parameters(for: sample)).image.rgbImage()
    }
}
