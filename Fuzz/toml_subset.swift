// Fuzz entry for the TOML-subset reader used by presets and themes: arbitrary bytes, decoded as UTF-8
// with replacement, go through TOMLSubset.parse, and every value of an accepted document is read back
// through each typed accessor. Built into the TerminalUI module (TOML folder only) by Tools/fuzz.sh.

@_cdecl("LLVMFuzzerTestOneInput")
public func tomlSubsetFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    guard let document = try? TOMLSubset.parse(text, file: "fuzz.toml") else { return 0 }
    for table in [document.root] + document.tables {
        _ = document.table(table.name)
        for key in table.keys {
            _ = try? table.string(key)
            _ = try? table.integer(key)
            _ = try? table.number(key)
            _ = try? table.boolean(key)
            _ = try? table.strings(key)
        }
    }
    return 0
}
