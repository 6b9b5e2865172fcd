import Foundation
import Testing
@testable import SafeTensors

/// A fresh folder under the system temporary directory, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("safetensors-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        try write(Array(text.utf8), to: name)
    }
}

/// A safetensors file assembled by hand: an 8-byte length (the header's real length unless
/// `declaredLength` says otherwise), the header bytes, then `data`.
func fileBytes(header: [UInt8], declaredLength: UInt64? = nil, data: [UInt8] = []) -> [UInt8] {
    let length = declaredLength ?? UInt64(header.count)
    return withUnsafeBytes(of: length.littleEndian) { Array($0) } + header + data
}

func fileBytes(header: String, declaredLength: UInt64? = nil, data: [UInt8] = []) -> [UInt8] {
    fileBytes(header: Array(header.utf8), declaredLength: declaredLength, data: data)
}

/// Writes `bytes` to a file and returns the error opening it throws (recording an issue if none).
func openError(_ bytes: [UInt8], in folder: TemporaryFolder, name: String = "hostile.safetensors",
               sourceLocation: SourceLocation = #_sourceLocation) throws -> (path: String, error: SafeTensorsError?) {
    let path = try folder.write(bytes, to: name)
    do {
        _ = try SafeTensorsFile(path: path)
        Issue.record("opening \(name) did not fail", sourceLocation: sourceLocation)
        return (path, nil)
    } catch let error as SafeTensorsError {
        return (path, error)
    }
}

/// The bytes of each value, little-endian.
func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    values.map(\.littleEndian).withUnsafeBytes { Array($0) }
}

/// The value of an IEEE binary16 bit pattern, decoded from the definition of the format.
func float16Value(bits: UInt16) -> Float {
    let sign: Float = bits & 0x8000 != 0 ? -1 : 1
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = Float(bits & 0x3FF)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24
    case 31: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (1024 + fraction) * Float(sign: .plus, exponent: exponent - 25, significand: 1)
    }
}

/// The value of a bfloat16 bit pattern, decoded from its fields (8 exponent bits, bias 127).
func bfloat16Value(bits: UInt16) -> Float {
    let sign: Float = bits & 0x8000 != 0 ? -1 : 1
    let exponent = Int((bits >> 7) & 0xFF)
    let fraction = Float(bits & 0x7F)
    switch exponent {
    case 0: return sign * fraction * 0x1p-133
    case 255: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (128 + fraction) * Float(sign: .plus, exponent: exponent - 134, significand: 1)
    }
}

/// Bitwise equality, except that any NaN matches any NaN.
func sameFloat(_ a: Float, _ b: Float) -> Bool {
    (a.isNaN && b.isNaN) || a.bitPattern == b.bitPattern
}
