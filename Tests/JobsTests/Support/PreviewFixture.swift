import Foundation
import Testing

/// Tests/JobsTests/Fixtures/previews.json, made by Tools/make_jobs_fixtures.py with torch.
struct PreviewFixture: Decodable {
    struct Image: Decodable {
        var width: Int
        var height: Int
        var pixels: [UInt8]
    }

    struct Resized: Decodable {
        var width: Int
        var height: Int
        var mode: String
        var pixels: [UInt8]
    }

    var latentShape: [Int]
    var latent: [Float]
    var comfyuiSdxlBatch1: [UInt8]
    var a1111SdxlBatch0: [UInt8]
    var image: Image
    var resized: [Resized]

    static func load() throws -> PreviewFixture {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let data = try Data(contentsOf: folder.appendingPathComponent("previews.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PreviewFixture.self, from: data)
    }
}

/// The largest difference between two byte arrays of equal length.
func largestDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
    zip(a, b).map { abs(Int($0) - Int($1)) }.max() ?? 0
}
