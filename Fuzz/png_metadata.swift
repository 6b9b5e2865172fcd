// Fuzz entry for the PNG metadata reader: arbitrary bytes go through PNGCodec.readMetadata, and the
// text of any `parameters` chunk it returns goes through the A1111 infotext parser. Small images are
// also fully decoded. Built into the Imaging module by Tools/fuzz.sh.

@_cdecl("LLVMFuzzerTestOneInput")
public func pngMetadataFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let metadata = try? PNGCodec.readMetadata(bytes) else { return 0 }
    for chunk in metadata.text {
        _ = A1111Parameters.parse(chunk.text)
    }
    if metadata.header.width * metadata.header.height <= 1 << 16 {
        _ = try? PNGCodec.decode(bytes)
    }
    return 0
}
