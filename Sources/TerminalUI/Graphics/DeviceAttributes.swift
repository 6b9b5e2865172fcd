/// A terminal's answer to "what are you?" (DA1, `CSI c`): `CSI ? Pc ; Pf ; … c`, where Pc is the
/// device class and the rest list features. Feature 4 is sixel graphics.
public struct DeviceAttributes: Hashable, Sendable {
    public var parameters: [Int]

    public init(parameters: [Int]) {
        self.parameters = parameters
    }

    /// The query to send: `ESC [ c`.
    public static let query: [UInt8] = Array("\u{1B}[c".utf8)

    /// Whether the reply lists feature 4 (sixel). A VT100-class reply (`?1;…`) carries an
    /// option bit mask instead of a feature list, so it never counts.
    public var supportsSixel: Bool {
        guard let deviceClass = parameters.first, deviceClass != 1 else { return false }
        return parameters.dropFirst().contains(4)
    }

    /// Finds the first DA1 reply in `bytes` (7-bit `ESC [ ?` or 8-bit CSI 0x9B, then digits
    /// and semicolons, then `c`), skipping anything before it. Nil when there is none.
    public static func parse(_ bytes: [UInt8]) -> DeviceAttributes? {
        var index = 0
        while index < bytes.count {
            var start: Int?
            if bytes[index] == 0x1B, index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "["),
               bytes[index + 2] == UInt8(ascii: "?") {
                start = index + 3
            } else if bytes[index] == 0x9B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?") {
                start = index + 2
            }
            if let start, let reply = parameters(in: bytes, from: start) {
                return DeviceAttributes(parameters: reply)
            }
            index += 1
        }
        return nil
    }

    private static func parameters(in bytes: [UInt8], from start: Int) -> [Int]? {
        var values: [Int] = []
        var current: Int?
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                let (product, overflow) = (current ?? 0).multipliedReportingOverflow(by: 10)
                guard !overflow, product <= Int.max - digit else { return nil }
                current = product + digit
            case UInt8(ascii: ";"):
                values.append(current ?? 0)
                current = nil
            case UInt8(ascii: "c"):
                if let current { values.append(current) }
                return values.isEmpty ? nil : values
            default:
                return nil
            }
            index += 1
        }
        return nil
    }
}
