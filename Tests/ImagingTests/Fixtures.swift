import Foundation
import Testing
@testable import Imaging

/// The files made by Tools/make_png_fixtures.py and what they should decode to.
enum Fixtures {
    struct Expected: Decodable {
        struct Size: Decodable {
            let width: Int
            let height: Int
        }

        let diffusers_version: String
        let png: [PNGCase]
        let vae_output: Size
        let vae_input: Size
    }

    struct PNGCase: Decodable, CustomStringConvertible {
        let file: String
        let note: String
        let error: String?
        let width: Int?
        let height: Int?
        let rgb: String?
        let text: [TextCase]?

        var description: String { "\(file) (\(note))" }

        var pixels: [UInt8]? { rgb.flatMap { Data(base64Encoded: $0) }.map { Array($0) } }
    }

    struct TextCase: Decodable {
        let keyword: String
        let text: String
        let kind: String
        let language: String
        let translated: String

        var chunk: PNGTextChunk? {
            let kinds: [String: PNGTextChunk.Kind] = [
                "tEXt": .tEXt, "zTXt": .zTXt, "iTXt": .iTXt(compressed: false), "iTXt compressed": .iTXt(compressed: true),
            ]
            return kinds[kind].map {
                PNGTextChunk(keyword: keyword, text: text, kind: $0, languageTag: language, translatedKeyword: translated)
            }
        }
    }

    static func url(_ name: String) throws -> URL {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return folder.appendingPathComponent(name)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(name)))
    }

    static func floats(_ name: String) throws -> [Float] {
        let data = try bytes(name)
        try #require(data.count % 4 == 0)
        return stride(from: 0, to: data.count, by: 4).map { offset in
            Float(bitPattern: UInt32(data[offset]) | UInt32(data[offset + 1]) << 8
                | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3]) << 24)
        }
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url("expected.json")))
    }

    static func pngCase(_ file: String) throws -> PNGCase {
        try #require(try expected().png.first { $0.file == file })
    }
}

/// A fresh empty folder under the temporary directory, removed by the caller.
func makeTemporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("imaging-tests-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
