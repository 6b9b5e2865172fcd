import Foundation

/// The tiny random SDXL models written by Tools/make_sdxl_fixtures.py.
enum TinyFixture {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tiny-sdxl")
    static let base = root.appendingPathComponent("base")
    static let refiner = root.appendingPathComponent("refiner")
    static let baseSingleFile = root.appendingPathComponent("tiny_sdxl_base.safetensors")
    static let refinerSingleFile = root.appendingPathComponent("tiny_sdxl_refiner.safetensors")
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sdxl-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
