// Colour names in theme files: "#rrggbb", "default", the 16 ANSI names, or an xterm palette
// index 0–255 written as an integer.

extension TerminalColor {
    /// The 16 ANSI colour names and their palette indices.
    public static let namedColors: [(name: String, index: UInt8)] = [
        ("black", 0), ("red", 1), ("green", 2), ("yellow", 3), ("blue", 4), ("magenta", 5), ("cyan", 6), ("white", 7),
        ("bright-black", 8), ("bright-red", 9), ("bright-green", 10), ("bright-yellow", 11),
        ("bright-blue", 12), ("bright-magenta", 13), ("bright-cyan", 14), ("bright-white", 15),
    ]

    /// Reads "#rrggbb" (either case), "default" or an ANSI name; nil for anything else.
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        if lowered == "default" {
            self = .terminalDefault
            return
        }
        if let named = Self.namedColors.first(where: { $0.name == lowered }) {
            self = .indexed(named.index)
            return
        }
        guard lowered.hasPrefix("#"), lowered.count == 7,
              let value = UInt32(lowered.dropFirst(), radix: 16),
              lowered.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        self = .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }
}
