// The string quoting AUTOMATIC1111's web UI uses for generation parameters: Python's
// json.dumps(value, ensure_ascii=False) to quote, json.loads to unquote
// (modules/infotext_utils.py, quote and unquote).

enum JSONStringLiteral {
    /// `text` as a JSON string literal: quotes and backslashes escaped, control characters as
    /// \n, \r, \t, \b, \f or \u00XX (lower-case hex); everything else, non-ASCII included, as is.
    static func quote(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result.append(contentsOf: "\\\"".unicodeScalars)
            case "\\": result.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": result.append(contentsOf: "\\n".unicodeScalars)
            case "\r": result.append(contentsOf: "\\r".unicodeScalars)
            case "\t": result.append(contentsOf: "\\t".unicodeScalars)
            case "\u{08}": result.append(contentsOf: "\\b".unicodeScalars)
            case "\u{0C}": result.append(contentsOf: "\\f".unicodeScalars)
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            default: result.append(scalar)
            }
        }
        result.append("\"")
        return String(result)
    }

    /// The string a JSON string literal stands for, or nil when `literal` is not exactly one
    /// valid literal (strict JSON: no raw control characters, only the standard escapes).
    /// A lone UTF-16 surrogate escape becomes U+FFFD.
    static func unquote<Scalars: Collection>(_ literal: Scalars) -> String? where Scalars.Element == Unicode.Scalar {
        let scalars = Array(literal)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
        var result = String.UnicodeScalarView()
        var index = 1
        let end = scalars.count - 1
        while index < end {
            let scalar = scalars[index]
            if scalar == "\"" || scalar.value < 0x20 { return nil }
            guard scalar == "\\" else {
                result.append(scalar)
                index += 1
                continue
            }
            guard index + 1 < end else { return nil }
            let escape = scalars[index + 1]
            index += 2
            switch escape {
            case "\"": result.append("\"")
            case "\\": result.append("\\")
            case "/": result.append("/")
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "u":
                guard let unit = hexUnit(scalars, at: index, end: end) else { return nil }
                index += 4
                if (0xD800...0xDBFF).contains(unit), index + 6 <= end, scalars[index] == "\\", scalars[index + 1] == "u",
                   let low = hexUnit(scalars, at: index + 2, end: end), (0xDC00...0xDFFF).contains(low) {
                    index += 6
                    let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    result.append(Unicode.Scalar(combined) ?? "\u{FFFD}")
                } else {
                    result.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
                }
            default: return nil
            }
        }
        return String(result)
    }

    private static func hexUnit(_ scalars: [Unicode.Scalar], at start: Int, end: Int) -> UInt32? {
        guard start + 4 <= end else { return nil }
        var value: UInt32 = 0
        for scalar in scalars[start..<(start + 4)] {
            guard scalar.isASCII, let digit = UInt32(String(scalar), radix: 16) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
