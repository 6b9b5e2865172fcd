import Foundation
import Testing
import Tensors
@testable import SafeTensors

/// A file written by the Python `safetensors` library (Tools/make_safetensors_fixture.py), with
/// the values PyTorch reads from it.
@Suite struct ReferenceFixtureTests {
    struct Expected: Decodable {
        struct Entry: Decodable {
            let dtype: String
            let shape: [Int]
            let float32_bits: [UInt32]?
            let int64: [Int64]?
        }
        struct Narrowing: Decodable {
            let float32: [UInt32]
            let float16: [UInt16]
            let bfloat16: [UInt16]
        }
        let metadata: [String: String]
        let tensors: [String: Entry]
        let narrowing: Narrowing
    }

    let path: String
    let expected: Expected

    init() throws {
        guard let url = Bundle.module.url(forResource: "reference", withExtension: "safetensors", subdirectory: "Fixtures"),
              let expectedURL = Bundle.module.url(forResource: "reference_expected", withExtension: "json",
                                                  subdirectory: "Fixtures") else {
            throw SafeTensorsError.cannotOpen(path: "Fixtures/reference.safetensors", reason: "missing test resource")
        }
        path = url.path
        expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: expectedURL))
    }

    static let torchDtypes: [String: DType] = ["float32": .float32, "float16": .float16, "bfloat16": .bfloat16, "int64": .int64]

    @Test func headerListsWhatTheReferenceWrote() throws {
        let file = try SafeTensorsFile(path: path)
        #expect(file.metadata == expected.metadata)
        #expect(file.names == expected.tensors.keys.sorted())
        for (name, entry) in expected.tensors {
            let info = try #require(file.info(named: name))
            #expect(info.shape == entry.shape, "\(name)")
            #expect(info.dtype == Self.torchDtypes[entry.dtype], "\(name)")
        }
    }

    @Test func floatValuesMatchPyTorch() throws {
        let file = try SafeTensorsFile(path: path)
        var checked = 0
        for (name, entry) in expected.tensors {
            guard let bits = entry.float32_bits else { continue }
            let tensor = try file.tensor(named: name)
            #expect(tensor.shape == entry.shape)
            let reference = bits.map { Float(bitPattern: $0) }
            #expect(tensor.scalars.count == reference.count)
            #expect(zip(tensor.scalars, reference).allSatisfy(sameFloat), "\(name): \(tensor.scalars) vs \(reference)")
            checked += 1
        }
        #expect(checked == 5)
    }

    @Test func int64PositionIdsAreListedAndReadRaw() throws {
        let file = try SafeTensorsFile(path: path)
        let name = "text_model.embeddings.position_ids"
        #expect(!file.floatTensorNames.contains(name))
        #expect(throws: SafeTensorsError.notFloatTensor(path: path, tensor: name, dtype: "I64")) { try file.tensor(named: name) }
        let raw = try file.rawTensor(named: name)
        let ids = raw.withUnsafeBytes { bytes in (0..<8).map { bytes.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self) } }
        #expect(ids == expected.tensors[name]?.int64)
    }

    @Test func rewritingTheRawTensorsReproducesTheFileByteForByte() throws {
        let file = try SafeTensorsFile(path: path)
        var writer = SafeTensorsWriter(metadata: file.metadata)
        for name in file.names {
            let raw = try file.rawTensor(named: name)
            try writer.add(name, dtype: raw.dtype, shape: raw.shape, bytes: Array(raw.bytes))
        }
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(writer.serialized() == original)
    }

    @Test func writerNarrowsLikePyTorch() throws {
        let inputs = expected.narrowing.float32.map { Float(bitPattern: $0) }
        var writer = SafeTensorsWriter()
        try writer.add("h", Tensor(shape: [inputs.count], scalars: inputs), as: .float16)
        try writer.add("b", Tensor(shape: [inputs.count], scalars: inputs), as: .bfloat16)
        let folder = try TemporaryFolder()
        let file = try SafeTensorsFile(path: try folder.write(writer.serialized(), to: "narrow.safetensors"))
        for (name, reference, decode) in [("h", expected.narrowing.float16, float16Value(bits:)),
                                          ("b", expected.narrowing.bfloat16, bfloat16Value(bits:))] {
            let written = try file.rawTensor(named: name).withUnsafeBytes { bytes in
                (0..<inputs.count).map { bytes.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self) }
            }
            for index in inputs.indices {
                if inputs[index].isNaN {
                    // PyTorch's NaN payloads differ between its code paths; any NaN is right.
                    #expect(decode(written[index]).isNaN, "\(name)[\(index)]")
                } else {
                    #expect(written[index] == reference[index], "\(name)[\(index)] for input \(inputs[index])")
                }
            }
        }
    }
}
