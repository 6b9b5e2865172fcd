import Testing
@testable import SafeTensors

/// Hostile files built byte by byte: each must be refused with its own typed error, without a crash.
@Suite struct HeaderValidationTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// A header with one F32 tensor of `count` values at `offsets`.
    func entry(name: String = "w", dtype: String = "F32", shape: String, offsets: String) -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":\(offsets)}"
    }

    // MARK: Length prefix

    @Test func fileShorterThanTheLengthPrefix() throws {
        for size in [0, 1, 7] {
            let (path, error) = try openError(Array(repeating: 0, count: size), in: folder)
            #expect(error == .truncated(path: path, needed: 8, size: UInt64(size)))
        }
    }

    @Test func headerCutShort() throws {
        let header = "{" + entry(shape: "[1]", offsets: "[0,4]") + "}"
        let cut = Array(fileBytes(header: header).prefix(8 + 10))
        let (path, error) = try openError(cut, in: folder)
        #expect(error == .truncated(path: path, needed: UInt64(8 + header.utf8.count), size: 18))
    }

    @Test func headerLengthBeyondTheEndOfTheFile() throws {
        let (path, error) = try openError(fileBytes(header: "{}", declaredLength: 4096), in: folder)
        #expect(error == .truncated(path: path, needed: 4104, size: 10))
        // The largest allowed length is checked against the file size, not trusted.
        let (path2, error2) = try openError(fileBytes(header: "{}", declaredLength: 100_000_000), in: folder,
                                            name: "limit.safetensors")
        #expect(error2 == .truncated(path: path2, needed: 100_000_008, size: 10))
    }

    @Test(arguments: [UInt64(100_000_001), 1 << 63, UInt64.max])
    func headerLengthAboveTheLimit(length: UInt64) throws {
        let (path, error) = try openError(fileBytes(header: "{}", declaredLength: length), in: folder)
        #expect(error == .headerTooLarge(path: path, length: length))
    }

    // MARK: Encoding and JSON

    @Test func headerNotUTF8() throws {
        // A lone continuation byte, an overlong "/", an encoded surrogate, a truncated sequence.
        let cases: [([UInt8], Int)] = [
            (Array("{\"__metadata__\":{\"a\":\"".utf8) + [0xFF] + Array("\"}}".utf8), 22),
            (Array("{\"".utf8) + [0xC0, 0xAF] + Array("\":1}".utf8), 2),
            (Array("{\"".utf8) + [0xED, 0xA0, 0x80] + Array("\":1}".utf8), 2),
            (Array("{\"ab".utf8) + [0xE2, 0x82], 4),
        ]
        for (index, (header, offset)) in cases.enumerated() {
            let (path, error) = try openError(fileBytes(header: header), in: folder, name: "utf8-\(index).safetensors")
            #expect(error == .headerNotUTF8(path: path, byteOffset: offset))
        }
    }

    @Test func duplicateKeyAtTheTopLevel() throws {
        let header = "{" + entry(shape: "[1]", offsets: "[0,4]") + "," + entry(shape: "[1]", offsets: "[4,8]") + "}"
        let (path, error) = try openError(fileBytes(header: header, data: Array(repeating: 0, count: 8)), in: folder)
        #expect(error == .duplicateKey(path: path, key: "w", enclosingKey: nil))
    }

    @Test func duplicateKeySpelledWithAnEscape() throws {
        let header = "{" + entry(shape: "[1]", offsets: "[0,4]") + "," + entry(name: "\\u0077", shape: "[1]", offsets: "[4,8]") + "}"
        let (path, error) = try openError(fileBytes(header: header, data: Array(repeating: 0, count: 8)), in: folder)
        #expect(error == .duplicateKey(path: path, key: "w", enclosingKey: nil))
    }

    @Test func duplicateKeyInsideATensorEntry() throws {
        let header = #"{"w":{"dtype":"F32","shape":[1],"dtype":"F16","data_offsets":[0,4]}}"#
        let (path, error) = try openError(fileBytes(header: header, data: [0, 0, 0, 0]), in: folder)
        #expect(error == .duplicateKey(path: path, key: "dtype", enclosingKey: "w"))
    }

    @Test func duplicateKeyInsideTheMetadata() throws {
        let header = #"{"__metadata__":{"format":"pt","format":"np"}}"#
        let (path, error) = try openError(fileBytes(header: header), in: folder)
        #expect(error == .duplicateKey(path: path, key: "format", enclosingKey: "__metadata__"))
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() throws {
        let depth = 200_000
        let header = #"{"__metadata__":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        let (path, error) = try openError(fileBytes(header: header), in: folder)
        guard case .invalidJSON(path, let reason)? = error else {
            Issue.record("expected invalidJSON, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("nesting deeper than 16 levels"))
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("[]", "an array, not an object"),
        ("{} x", "after the end of the JSON value"),
        ("{}\0\0\0\0\0\0", "after the end of the JSON value"),
        (#"{"a":true}"#, "true is not allowed"),
        (#"{"a":null}"#, "null is not allowed"),
        (#"{"a":1.5}"#, "not an integer"),
        (#"{"a":1e3}"#, "not an integer"),
        (#"{"a":01}"#, "leading zeros"),
        (#"{"a":18446744073709551616}"#, "does not fit in 64 bits"),
        ("{\"a\u{1}\":1}", "control character 0x01"),
        (#"{"a":"\x"}"#, "invalid escape"),
        (#"{"\ud800":1}"#, "without a low surrogate"),
        (#"{"\udc00":1}"#, "unpaired low surrogate"),
        (#"{"\ud800\u0041":1}"#, "not a low surrogate"),
        (#"{"a":1,}"#, "expected a string key"),
        (#"{"a" 1}"#, "expected \":\""),
        (#"{"a":[1 2]}"#, "expected \",\" or \"]\""),
        (#"{'a':1}"#, "expected a string key"),
    ])
    func invalidJSON(header: String, reasonFragment: String) throws {
        let (path, error) = try openError(fileBytes(header: header), in: folder)
        guard case .invalidJSON(path, let reason)? = error else {
            Issue.record("\(header): expected invalidJSON, got \(String(describing: error))")
            return
        }
        #expect(reason.contains(reasonFragment), "\(reason)")
    }

    // MARK: Tensor entries

    @Test func unknownDtype() throws {
        for dtype in ["F4", "Q8_0", "f32", ""] {
            let header = "{" + entry(dtype: dtype, shape: "[2]", offsets: "[0,2]") + "}"
            let (path, error) = try openError(fileBytes(header: header, data: [0, 0]), in: folder)
            #expect(error == .unknownDtype(path: path, tensor: "w", dtype: dtype))
        }
    }

    @Test func shapeAndSizeDisagree() throws {
        let header = "{" + entry(shape: "[2,3]", offsets: "[0,20]") + "}"
        let (path, error) = try openError(fileBytes(header: header, data: Array(repeating: 0, count: 20)), in: folder)
        #expect(error == .shapeSizeMismatch(path: path, tensor: "w", dtype: "F32", shape: [2, 3], byteCount: 20))
    }

    @Test func shapeProductOverflow() throws {
        // 2^32 · 2^32 overflows the element count; 2^62 elements of 4 bytes overflow the byte count.
        for shape in [[4_294_967_296, 4_294_967_296], [4_611_686_018_427_387_904]] {
            let shapeText = "[" + shape.map(String.init).joined(separator: ",") + "]"
            let header = "{" + entry(shape: shapeText, offsets: "[0,4]") + "}"
            let (path, error) = try openError(fileBytes(header: header, data: [0, 0, 0, 0]), in: folder)
            #expect(error == .shapeOverflow(path: path, tensor: "w", shape: shape))
        }
    }

    @Test(arguments: [
        (#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}"#, "two non-negative integers"),
        (#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, "two non-negative integers"),
        (#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}"#, "two non-negative integers"),
        (#"{"w":{"dtype":"F32","shape":[1],"data_offsets":["0","4"]}}"#, "two non-negative integers"),
        (#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, "before begin"),
        (#"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, "non-negative integers"),
        (#"{"w":{"dtype":"F32","shape":1,"data_offsets":[0,4]}}"#, "\"shape\" must be"),
        (#"{"w":{"dtype":"F32","data_offsets":[0,4]}}"#, "\"shape\" must be"),
        (#"{"w":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}"#, "\"dtype\" must be a string"),
        (#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"extra":1}}"#, "unexpected key \"extra\""),
        (#"{"w":[1]}"#, "not an object"),
    ])
    func invalidTensorEntry(header: String, reasonFragment: String) throws {
        let (path, error) = try openError(fileBytes(header: header, data: [0, 0, 0, 0]), in: folder)
        guard case .invalidTensorEntry(path, "w", let reason)? = error else {
            Issue.record("\(header): expected invalidTensorEntry, got \(String(describing: error))")
            return
        }
        #expect(reason.contains(reasonFragment), "\(reason)")
    }

    @Test func nonIntegerOffsetsAreRefusedByTheParser() throws {
        let header = #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4.0]}}"#
        let (path, error) = try openError(fileBytes(header: header, data: [0, 0, 0, 0]), in: folder)
        guard case .invalidJSON(path, let reason)? = error else {
            Issue.record("expected invalidJSON, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("not an integer"))
    }

    // MARK: Data layout

    @Test func overlappingOffsets() throws {
        let header = "{" + entry(name: "a", shape: "[2]", offsets: "[0,8]") + ","
            + entry(name: "b", shape: "[2]", offsets: "[4,12]") + "}"
        let (path, error) = try openError(fileBytes(header: header, data: Array(repeating: 0, count: 12)), in: folder)
        #expect(error == .overlappingOffsets(path: path, tensor: "b", other: "a"))
    }

    @Test func twoTensorsOnTheSameBytes() throws {
        let header = "{" + entry(name: "a", shape: "[2]", offsets: "[0,8]") + ","
            + entry(name: "b", shape: "[2]", offsets: "[0,8]") + "}"
        let (_, error) = try openError(fileBytes(header: header, data: Array(repeating: 0, count: 8)), in: folder)
        guard case .overlappingOffsets? = error else {
            Issue.record("expected overlappingOffsets, got \(String(describing: error))")
            return
        }
    }

    @Test func gapBetweenTensors() throws {
        let header = "{" + entry(name: "a", shape: "[1]", offsets: "[0,4]") + ","
            + entry(name: "b", shape: "[1]", offsets: "[8,12]") + "}"
        let (path, error) = try openError(fileBytes(header: header, data: Array(repeating: 0, count: 12)), in: folder)
        #expect(error == .gapInData(path: path, start: 4, end: 8))
    }

    @Test func gapBeforeTheFirstTensor() throws {
        let header = "{" + entry(shape: "[1]", offsets: "[4,8]") + "}"
        let (path, error) = try openError(fileBytes(header: header, data: Array(repeating: 0, count: 8)), in: folder)
        #expect(error == .gapInData(path: path, start: 0, end: 4))
    }

    @Test func trailingBytesAfterTheLastTensor() throws {
        let header = "{" + entry(shape: "[1]", offsets: "[0,4]") + "}"
        let (path, error) = try openError(fileBytes(header: header, data: Array(repeating: 0, count: 7)), in: folder)
        #expect(error == .trailingBytes(path: path, count: 3))
        // An empty header with data after it is refused the same way.
        let (path2, error2) = try openError(fileBytes(header: "{}", data: [1]), in: folder, name: "empty.safetensors")
        #expect(error2 == .trailingBytes(path: path2, count: 1))
    }

    @Test func tensorDataBeyondTheEndOfTheFile() throws {
        let header = "{" + entry(shape: "[4]", offsets: "[0,16]") + "}"
        let bytes = fileBytes(header: header, data: Array(repeating: 0, count: 10))
        let (path, error) = try openError(bytes, in: folder)
        #expect(error == .truncated(path: path, needed: UInt64(8 + header.utf8.count + 16), size: UInt64(bytes.count)))
    }

    @Test func hugeOffsetsDoNotOverflow() throws {
        let end = Int.max
        let header = "{" + entry(dtype: "U8", shape: "[\(end)]", offsets: "[0,\(end)]") + "}"
        let bytes = fileBytes(header: header)
        let (path, error) = try openError(bytes, in: folder)
        #expect(error == .truncated(path: path, needed: UInt64(8 + header.utf8.count) + UInt64(end), size: UInt64(bytes.count)))
    }

    // MARK: Metadata

    @Test(arguments: [
        (#"{"__metadata__":{"format":1}}"#, "\"format\" is an integer"),
        (#"{"__metadata__":{"format":["pt"]}}"#, "\"format\" is an array"),
        (#"{"__metadata__":{"format":{"a":"b"}}}"#, "\"format\" is an object"),
        (#"{"__metadata__":"pt"}"#, "it is a string"),
        (#"{"__metadata__":["pt"]}"#, "it is an array"),
    ])
    func metadataNotAStringMap(header: String, reason: String) throws {
        let (path, error) = try openError(fileBytes(header: header), in: folder)
        #expect(error == .metadataNotStringMap(path: path, reason: reason))
    }

    @Test func missingAndDirectoryPathsCannotBeOpened() throws {
        let missing = folder.file("absent.safetensors")
        #expect(throws: SafeTensorsError.cannotOpen(path: missing, reason: "No such file or directory")) {
            try SafeTensorsFile(path: missing)
        }
        #expect(throws: SafeTensorsError.cannotOpen(path: folder.path, reason: "not a regular file")) {
            try SafeTensorsFile(path: folder.path)
        }
    }
}
