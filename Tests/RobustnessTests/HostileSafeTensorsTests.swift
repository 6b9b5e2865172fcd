// Hostile safetensors files: each must be refused by SafeTensorsFile with the SafeTensorsError case
// named in the table (or, where the file is legal but extreme, opened without trouble).
import Foundation
import SafeTensors
import Testing

struct HostileSafeTensorsCase: Sendable, CustomTestStringConvertible {
    let label: String
    let bytes: @Sendable () -> [UInt8]
    /// The SafeTensorsError case expected, or nil when the file is valid and must open.
    let expected: String?
    var testDescription: String { label }

    static func f32(_ name: String, shape: String, offsets: String, dtype: String = "F32") -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
    }

    static let all: [HostileSafeTensorsCase] = [
        .init(label: "header length 2^63", bytes: { HostileFiles.safeTensors(header: "{}", declaredLength: 1 << 63) },
              expected: "headerTooLarge"),
        .init(label: "header length 2^64-1", bytes: { HostileFiles.safeTensors(header: "{}", declaredLength: .max) },
              expected: "headerTooLarge"),
        .init(label: "header length past the end of the file",
              bytes: { HostileFiles.safeTensors(header: "{}", declaredLength: 4096) }, expected: "truncated"),
        .init(label: "file shorter than the length prefix", bytes: { [1, 0, 0] }, expected: "truncated"),
        .init(label: "empty file", bytes: { [] }, expected: "truncated"),
        .init(label: "duplicate tensor keys",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[1]", offsets: "[0,4]") + ","
                                                + f32("a", shape: "[1]", offsets: "[4,8]") + "}",
                                                data: [UInt8](repeating: 0, count: 8)) },
              expected: "duplicateKey"),
        .init(label: "duplicate metadata keys",
              bytes: { HostileFiles.safeTensors(header: #"{"__metadata__":{"k":"1","k":"2"}}"#) }, expected: "duplicateKey"),
        .init(label: "overlapping offsets",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[2]", offsets: "[0,8]") + ","
                                                + f32("b", shape: "[2]", offsets: "[4,12]") + "}",
                                                data: [UInt8](repeating: 0, count: 12)) },
              expected: "overlappingOffsets"),
        .init(label: "gap between tensors",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[1]", offsets: "[0,4]") + ","
                                                + f32("b", shape: "[1]", offsets: "[8,12]") + "}",
                                                data: [UInt8](repeating: 0, count: 12)) },
              expected: "gapInData"),
        .init(label: "trailing bytes after the last tensor",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[1]", offsets: "[0,4]") + "}",
                                                data: [UInt8](repeating: 0, count: 9)) },
              expected: "trailingBytes"),
        .init(label: "tensor reaching past the end of the file",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[1024,1024]", offsets: "[0,4194304]") + "}",
                                                data: [UInt8](repeating: 0, count: 16)) },
              expected: "truncated"),
        .init(label: "absurd shape whose element count overflows",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[4611686018427387904,4]", offsets: "[0,4]") + "}",
                                                data: [0, 0, 0, 0]) },
              expected: "shapeOverflow"),
        .init(label: "absurd shape whose byte count overflows",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[3074457345618258603]", offsets: "[0,4]") + "}",
                                                data: [0, 0, 0, 0]) },
              expected: "shapeOverflow"),
        .init(label: "absurd shape with a 2^40-element byte count that the offsets do not cover",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[1048576,1048576]", offsets: "[0,4]") + "}",
                                                data: [0, 0, 0, 0]) },
              expected: "shapeSizeMismatch"),
        .init(label: "negative dimension",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[-1]", offsets: "[0,4]") + "}", data: [0, 0, 0, 0]) },
              expected: "invalidTensorEntry"),
        .init(label: "dimension beyond Int64",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[99999999999999999999999]", offsets: "[0,4]") + "}",
                                                data: [0, 0, 0, 0]) },
              expected: "invalidJSON"),
        .init(label: "fractional dimension",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[1.5]", offsets: "[0,4]") + "}", data: [0, 0, 0, 0]) },
              expected: "invalidJSON"),
        .init(label: "end offset before begin",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[1]", offsets: "[8,4]") + "}",
                                                data: [UInt8](repeating: 0, count: 8)) },
              expected: "invalidTensorEntry"),
        .init(label: "unknown dtype",
              bytes: { HostileFiles.safeTensors(header: "{" + f32("a", shape: "[1]", offsets: "[0,4]", dtype: "F128") + "}",
                                                data: [0, 0, 0, 0]) },
              expected: "unknownDtype"),
        .init(label: "header that is an array", bytes: { HostileFiles.safeTensors(header: "[]") }, expected: "invalidJSON"),
        .init(label: "header that is not UTF-8", bytes: { HostileFiles.safeTensors(headerBytes: [0x7B, 0xFF, 0xFE, 0x7D]) },
              expected: "headerNotUTF8"),
        .init(label: "nesting 100 000 levels deep",
              bytes: { HostileFiles.safeTensors(header: #"{"a":"# + String(repeating: "[", count: 100_000)) },
              expected: "invalidJSON"),
        .init(label: "metadata that is not a string map",
              bytes: { HostileFiles.safeTensors(header: #"{"__metadata__":{"k":5}}"#) }, expected: "metadataNotStringMap"),
        .init(label: "unterminated string", bytes: { HostileFiles.safeTensors(header: #"{"a"#) }, expected: "invalidJSON"),
        .init(label: "NUL bytes in the header",
              bytes: { HostileFiles.safeTensors(headerBytes: [0x7B, 0, 0, 0x7D]) }, expected: "invalidJSON"),
        .init(label: "huge metadata (200 000 entries, about 6 MB) is legal",
              bytes: {
                  let members = (0..<200_000).map { "\"key\($0)\":\"value \($0) ____\"" }.joined(separator: ",")
                  return HostileFiles.safeTensors(header: #"{"__metadata__":{"# + members + "}}")
              },
              expected: nil),
    ]
}

@Suite struct HostileSafeTensorsTests {
    @Test(arguments: HostileSafeTensorsCase.all)
    func refusedWithItsTypedError(_ hostile: HostileSafeTensorsCase) throws {
        let folder = try HostileFiles.scratchFolder("st")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("hostile.safetensors")
        try Data(hostile.bytes()).write(to: url)
        let started = Date()
        do {
            let file = try SafeTensorsFile(path: url.path)
            #expect(hostile.expected == nil, "\(hostile.label): opened, but \(hostile.expected ?? "") was expected")
            for name in file.names { _ = try file.rawTensor(named: name) }
        } catch let error as SafeTensorsError {
            #expect(HostileFiles.caseName(error) == hostile.expected, "\(hostile.label): \(error)")
            #expect(error.description.contains(url.path), "the message names the file: \(error)")
        }
        #expect(Date().timeIntervalSince(started) < 10, "\(hostile.label) took too long")
    }

    @Test func hugeMetadataIsReadBackWhole() throws {
        let folder = try HostileFiles.scratchFolder("st-meta")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("meta.safetensors")
        let text = String(repeating: "x", count: 5_000_000)
        try Data(HostileFiles.safeTensors(header: #"{"__metadata__":{"big":""# + text + #""}}"#)).write(to: url)
        let file = try SafeTensorsFile(path: url.path)
        #expect(file.metadata["big"]?.count == text.count)
        #expect(file.names.isEmpty)
    }
}
