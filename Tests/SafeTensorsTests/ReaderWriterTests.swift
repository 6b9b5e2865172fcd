import Foundation
import Testing
import Tensors
@testable import SafeTensors

/// Files written by `SafeTensorsWriter` and read back by `SafeTensorsFile`.
@Suite struct ReaderWriterTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    @Test func float32RoundTripIsExactAndZeroCopy() throws {
        let values: [Float] = [0, -0.0, 1, -2.5, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity, 0.1, 0x1p-133]
        var writer = SafeTensorsWriter(metadata: ["format": "pt"])
        try writer.add("weight", Tensor(shape: [2, 5], scalars: values))
        let path = folder.file("f32.safetensors")
        try writer.write(to: path)

        let file = try SafeTensorsFile(path: path)
        #expect(file.metadata == ["format": "pt"])
        #expect(file.names == ["weight"])
        #expect(file.info(named: "weight") == TensorInfo(name: "weight", dtype: .float32, shape: [2, 5], elementCount: 10,
                                                         dataOffsets: 0..<40))
        let tensor = try file.tensor(named: "weight")
        #expect(tensor.shape == [2, 5])
        #expect(tensor.scalars.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(tensor.storage.isBorrowed, "aligned F32 data is borrowed from the mapping")
        try file.rawTensor(named: "weight").withUnsafeBytes { bytes in
            #expect(UnsafeRawPointer(tensor.storage.pointer) == bytes.baseAddress)
        }
        // Writing to a borrowed tensor copies it first; the file is unchanged.
        var changed = tensor
        changed.withUnsafeMutableBufferPointer { $0[0] = 42 }
        #expect(changed.scalars[0] == 42)
        #expect(try file.tensor(named: "weight").scalars[0] == 0)
    }

    @Test func float16RoundTripMatchesHandDecodedValues() throws {
        // Bit patterns: 0, -0, smallest subnormal, largest subnormal, smallest normal, 1, 1/3, 65504, ±inf, NaN, -2.
        let bits: [UInt16] = [0x0000, 0x8000, 0x0001, 0x03FF, 0x0400, 0x3C00, 0x3555, 0x7BFF, 0x7C00, 0xFC00, 0x7E00, 0xC000]
        let expected: [Float] = [0, -0.0, 0x1p-24, 1023 * 0x1p-24, 0x1p-14, 1, 0.333251953125, 65504, .infinity, -.infinity,
                                 .nan, -2]
        var writer = SafeTensorsWriter()
        try writer.add("half", float16Bits: bits, shape: [3, 4])
        try writer.add("typed", float16: bits.map { Float16(bitPattern: $0) }, shape: [12])
        let path = folder.file("f16.safetensors")
        try writer.write(to: path)

        let file = try SafeTensorsFile(path: path)
        for name in ["half", "typed"] {
            let tensor = try file.tensor(named: name)
            #expect(zip(tensor.scalars, expected).allSatisfy(sameFloat), "\(name): \(tensor.scalars)")
            #expect(!tensor.storage.isBorrowed)
            #expect(try file.rawTensor(named: name).bytes.elementsEqual(littleEndianBytes(bits)))
        }
        #expect(try file.tensor(named: "half").shape == [3, 4])
    }

    @Test func bfloat16RoundTripMatchesHandDecodedValues() throws {
        // 0, -0, smallest subnormal, 1, -2, 1/3 (0x3EAB), largest finite, ±inf, NaN, 1 + 2^-7.
        let bits: [UInt16] = [0x0000, 0x8000, 0x0001, 0x3F80, 0xC000, 0x3EAB, 0x7F7F, 0x7F80, 0xFF80, 0x7FC0, 0x3F81]
        let expected: [Float] = [0, -0.0, 0x1p-133, 1, -2, 0.333984375, 0x1.FEp127, .infinity, -.infinity, .nan, 1 + 0x1p-7]
        var writer = SafeTensorsWriter()
        try writer.add("brain", bfloat16Bits: bits, shape: [11])
        let path = folder.file("bf16.safetensors")
        try writer.write(to: path)
        let tensor = try SafeTensorsFile(path: path).tensor(named: "brain")
        #expect(zip(tensor.scalars, expected).allSatisfy(sameFloat), "\(tensor.scalars)")
    }

    @Test func tensorsWrittenAsHalvesRoundTripWithinTheirPrecision() throws {
        let values: [Float] = (0..<100).map { Float($0) * 0.37 - 11 }
        var writer = SafeTensorsWriter()
        try writer.add("h", Tensor(shape: [10, 10], scalars: values), as: .float16)
        try writer.add("b", Tensor(shape: [100], scalars: values), as: .bfloat16)
        let file = try SafeTensorsFile(path: try folder.write(writer.serialized(), to: "halves.safetensors"))
        #expect(file.info(named: "h")?.dtype == .float16)
        #expect(file.info(named: "b")?.dtype == .bfloat16)
        // Each value is the nearest representable one: within half a unit in the last place.
        for (read, value) in zip(try file.tensor(named: "h").scalars, values) {
            #expect(abs(read - value) <= abs(value) * 0x1p-11 + 0x1p-25)
        }
        for (read, value) in zip(try file.tensor(named: "b").scalars, values) {
            #expect(abs(read - value) <= abs(value) * 0x1p-8)
        }
    }

    @Test func writerLayoutMatchesTheReferenceConventions() throws {
        var writer = SafeTensorsWriter(metadata: ["b": "2", "a": "1"])
        try writer.add("z16", float16Bits: [1, 2, 3], shape: [3])
        try writer.add("ids", int64: [7, 8], shape: [2])
        try writer.add("a32", Tensor(shape: [1], scalars: [1]))
        let bytes = writer.serialized()
        let headerLength = Int(bytes[0..<8].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        #expect((8 + headerLength) % 8 == 0, "the header is padded so the data starts 8-byte aligned")
        let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        #expect(header == #"{"__metadata__":{"a":"1","b":"2"},"ids":{"dtype":"I64","shape":[2],"data_offsets":[0,16]},"#
                + #""a32":{"dtype":"F32","shape":[1],"data_offsets":[16,20]},"#
                + #""z16":{"dtype":"F16","shape":[3],"data_offsets":[20,26]}}"# + "    ")
        #expect(bytes.count == 8 + headerLength + 26)
    }

    @Test func integerTensorsAreListedButNotLoadedAsFloats() throws {
        var writer = SafeTensorsWriter()
        try writer.add("text_model.embeddings.position_ids", int64: Array(0..<77), shape: [1, 77])
        try writer.add("text_model.final_layer_norm.weight", Tensor(shape: [4], scalars: [1, 2, 3, 4]))
        let path = try folder.write(writer.serialized(), to: "clip.safetensors")
        let file = try SafeTensorsFile(path: path)
        #expect(file.names == ["text_model.embeddings.position_ids", "text_model.final_layer_norm.weight"])
        #expect(file.floatTensorNames == ["text_model.final_layer_norm.weight"])
        #expect(file.info(named: "text_model.embeddings.position_ids")?.dtype == .int64)
        #expect(throws: SafeTensorsError.notFloatTensor(path: path, tensor: "text_model.embeddings.position_ids", dtype: "I64")) {
            try file.tensor(named: "text_model.embeddings.position_ids")
        }
        let ids = try file.rawTensor(named: "text_model.embeddings.position_ids")
        #expect(ids.bytes.count == 77 * 8)
        #expect(ids.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 76 * 8, as: Int64.self) } == 76)
    }

    @Test func convertIntoACallerBuffer() throws {
        var writer = SafeTensorsWriter()
        try writer.add("b", bfloat16Bits: [0x3F80, 0x4000, 0x4040], shape: [3])
        let path = try folder.write(writer.serialized(), to: "convert.safetensors")
        let file = try SafeTensorsFile(path: path)
        var buffer = [Float](repeating: 0, count: 3)
        try buffer.withUnsafeMutableBufferPointer { try file.convert(named: "b", into: $0) }
        #expect(buffer == [1, 2, 3])
        var wrong = [Float](repeating: 0, count: 4)
        #expect(throws: SafeTensorsError.destinationSizeMismatch(path: path, tensor: "b", expected: 3, actual: 4)) {
            try wrong.withUnsafeMutableBufferPointer { try file.convert(named: "b", into: $0) }
        }
        #expect(throws: SafeTensorsError.missingTensor(path: path, name: "nope")) { try file.tensor(named: "nope") }
    }

    @Test func largeTensorsConvertOnSeveralThreadsToTheSameValues() throws {
        let count = 3 * RawTensor.conversionGrain + 13
        let bits = (0..<count).map { UInt16(truncatingIfNeeded: $0 &* 40_503) }
        var writer = SafeTensorsWriter()
        try writer.add("h", float16Bits: bits, shape: [count])
        try writer.add("b", bfloat16Bits: bits, shape: [count])
        let path = folder.file("large.safetensors")
        try writer.write(to: path)
        let file = try SafeTensorsFile(path: path)
        let half = try file.tensor(named: "h").scalars
        let brain = try file.tensor(named: "b").scalars
        #expect(bits.indices.allSatisfy { sameFloat(half[$0], float16Value(bits: bits[$0])) })
        #expect(bits.indices.allSatisfy { sameFloat(brain[$0], bfloat16Value(bits: bits[$0])) })
    }

    @Test func unalignedFloat32DataIsCopied() throws {
        // A header of odd length (no padding) puts the F32 data at an odd file offset.
        let header = #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}"#
        #expect((8 + header.utf8.count) % 4 != 0)
        let values: [Float] = [1.5, -2, 0x1p-140]
        let path = try folder.write(fileBytes(header: header, data: littleEndianBytes(values.map(\.bitPattern))),
                                    to: "unaligned.safetensors")
        let tensor = try SafeTensorsFile(path: path).tensor(named: "w")
        #expect(!tensor.storage.isBorrowed)
        #expect(tensor.scalars.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func emptyScalarAndEmptyFileCases() throws {
        var writer = SafeTensorsWriter()
        try writer.add("scalar", Tensor(shape: [], scalars: [0.13025]))
        try writer.add("empty", Tensor(shape: [0, 3], scalars: []), as: .float16)
        let file = try SafeTensorsFile(path: try folder.write(writer.serialized(), to: "small.safetensors"))
        #expect(try file.tensor(named: "scalar").scalars == [0.13025])
        #expect(try file.tensor(named: "scalar").shape == [])
        #expect(try file.tensor(named: "empty").shape == [0, 3])
        #expect(try file.tensor(named: "empty").count == 0)
        // A file with no tensors at all is valid.
        let none = try SafeTensorsFile(path: try folder.write(SafeTensorsWriter().serialized(), to: "none.safetensors"))
        #expect(none.names.isEmpty && none.metadata.isEmpty)
    }

    @Test func writerRefusesBadTensors() throws {
        var writer = SafeTensorsWriter()
        try writer.add("a", float16Bits: [1], shape: [1])
        #expect(throws: SafeTensorsError.invalidTensorForWriting(name: "a", reason: "a tensor of that name was already added")) {
            try writer.add("a", float16Bits: [1], shape: [1])
        }
        #expect(throws: SafeTensorsError.invalidTensorForWriting(name: "__metadata__", reason: "the name is reserved for metadata")) {
            try writer.add("__metadata__", float16Bits: [1], shape: [1])
        }
        #expect(throws: SafeTensorsError.invalidTensorForWriting(name: "b", reason: "shape [2] of F16 needs 4 bytes, got 2")) {
            try writer.add("b", float16Bits: [1], shape: [2])
        }
        #expect(throws: SafeTensorsError.invalidTensorForWriting(name: "c", reason: "I64 cannot hold float weights")) {
            try writer.add("c", Tensor(shape: [1], scalars: [1]), as: .int64)
        }
        #expect(throws: SafeTensorsError.invalidTensorForWriting(name: "d", reason: "negative dimension in [-1]")) {
            try writer.add("d", dtype: .uint8, shape: [-1], bytes: [])
        }
    }

    @Test func writeReplacesAtomicallyAndLeavesNoTemporaryFiles() throws {
        let path = folder.file("model.safetensors")
        var first = SafeTensorsWriter()
        try first.add("x", Tensor(shape: [1], scalars: [1]))
        try first.write(to: path)
        let opened = try SafeTensorsFile(path: path)
        var second = SafeTensorsWriter(metadata: ["version": "2"])
        try second.add("x", Tensor(shape: [2], scalars: [2, 3]))
        try second.write(to: path)
        // The earlier mapping still sees the old file; a new open sees the new one.
        #expect(try opened.tensor(named: "x").scalars == [1])
        #expect(try SafeTensorsFile(path: path).tensor(named: "x").scalars == [2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.safetensors"])
        let error = #expect(throws: SafeTensorsError.self) { try second.write(to: folder.file("absent/model.safetensors")) }
        guard case .cannotWrite(let temporary, let reason)? = error else {
            Issue.record("expected cannotWrite, got \(String(describing: error))")
            return
        }
        #expect(temporary.hasPrefix(folder.file("absent/.model.safetensors.")))
        #expect(reason == "No such file or directory")
    }

    @Test func metadataAndNamesSurviveEscaping() throws {
        let tricky = "quote \" slash \\ / newline \n tab \t bell \u{07} unit \u{1F} café ☃ 😀"
        var writer = SafeTensorsWriter(metadata: [tricky: tricky, "": ""])
        try writer.add(tricky, Tensor(shape: [1], scalars: [5]))
        let file = try SafeTensorsFile(path: try folder.write(writer.serialized(), to: "escapes.safetensors"))
        #expect(file.metadata == [tricky: tricky, "": ""])
        #expect(file.names == [tricky])
        #expect(try file.tensor(named: tricky).scalars == [5])
    }

    @Test func descriptionsAreOneLineAndNameTheFile() throws {
        let errors: [SafeTensorsError] = [
            .truncated(path: "/m/a.safetensors", needed: 8, size: 3),
            .headerTooLarge(path: "/m/a.safetensors", length: .max),
            .duplicateKey(path: "/m/a.safetensors", key: "dtype", enclosingKey: "w"),
            .shapeSizeMismatch(path: "/m/a.safetensors", tensor: "w", dtype: "F16", shape: [2, 3], byteCount: 10),
            .gapInData(path: "/m/a.safetensors", start: 4, end: 8),
            .notFloatTensor(path: "/m/a.safetensors", tensor: "ids", dtype: "I64"),
            .unsafeShardPath(index: "/m/a.safetensors", shard: "../x", reason: "\"..\" leaves the checkpoint folder"),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("/m/a.safetensors: "))
        }
        #expect(SafeTensorsError.truncated(path: "/m/a.safetensors", needed: 8, size: 3).description
                == "/m/a.safetensors: file is incomplete (3 bytes, its header needs 8); re-download or re-export the file")
    }
}
