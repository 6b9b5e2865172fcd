/// ISO 8859-1 conversions: each byte is the Unicode scalar of the same value.
enum Latin1 {
    static func canEncode(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value <= 0xFF }
    }

    /// The Latin-1 bytes of `text`, or nil when a character lies outside Latin-1.
    static func encode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    static func decode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(Unicode.Scalar(byte))
        }
        return String(scalars)
    }
}
