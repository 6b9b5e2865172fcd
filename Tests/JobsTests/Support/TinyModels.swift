import Foundation
import Jobs
import Models
import StableDiffusionXL

/// Loads the tiny SDXL fixture (Tests/Fixtures/tiny-sdxl, made by Tools/make_sdxl_fixtures.py) for
/// a `ModelHost`. Its refiner folder links text encoder 2, its tokenizer and the VAE to the base's.
enum TinyModels {
    static var root: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tiny-sdxl")
    }

    static let selection = ModelSelection(base: root.appendingPathComponent("base").path,
                                          refiner: root.appendingPathComponent("refiner").path)

    static func load(_ role: ModelHost.Role, _ location: String) throws -> SDXLModel {
        try SDXLModel.load(from: DiffusersFolder(URL(fileURLWithPath: location)))
    }
}
