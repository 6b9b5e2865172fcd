// Writing values in the TOML subset that TerminalUI's TOMLSubset reads back: basic strings with
// every control character escaped (so text can never end a line, close the string or start a
// new key), decimal integers, and floats in Swift's shortest round-trip form.

enum TOMLText {
    /// `text` as a double-quoted TOML string.
    static func string(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                // C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    output += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    static func integer(_ value: Int) -> String { String(value) }

    /// A float that reads back as the same `Double`; always with a point or an exponent, so it
    /// stays a float. Non-finite values cannot be written in the subset (callers check first).
    static func number(_ value: Double) -> String {
        precondition(value.isFinite, "TOML subset has no inf or nan")
        let text = String(describing: value)
        if text.contains(".") || text.contains("e") { return text }
        return text + ".0"
    }
}
