// Fuzz entry for the safetensors reader: arbitrary bytes go through the header validation in memory;
// inputs whose header is accepted are also written to a scratch file and opened with SafeTensorsFile,
// and every float tensor in them is converted, so the offsets the header claims are really used.
// Built into the SafeTensors module by Tools/fuzz.sh.

import Foundation

private let scratchPath = NSTemporaryDirectory() + "/safetensors-fuzz-\(getpid()).safetensors"

@_cdecl("LLVMFuzzerTestOneInput")
public func safeTensorsHeaderFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard (try? SafeTensorsHeader(fileBytes: bytes, path: "fuzz")) != nil else { return 0 }
    guard FileManager.default.createFile(atPath: scratchPath, contents: Data(bytes)) else { return 0 }
    defer { try? FileManager.default.removeItem(atPath: scratchPath) }
    guard let file = try? SafeTensorsFile(path: scratchPath) else {
        fatalError("the in-memory header check accepted an input that SafeTensorsFile refuses")
    }
    for name in file.names {
        guard let raw = try? file.rawTensor(named: name) else { fatalError("listed tensor \(name) cannot be read") }
        var checksum: UInt8 = 0
        raw.withUnsafeBytes { for byte in $0 { checksum &+= byte } }
        if raw.info.elementCount <= 1 << 20 {
            _ = try? raw.floatTensor()
        }
        _ = checksum
    }
    return 0
}
