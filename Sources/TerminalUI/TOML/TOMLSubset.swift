// A strict reader for a small subset of TOML 1.0 (https://toml.io/en/v1.0.0), enough for themes
// and presets and nothing more:
//   [table] and [dotted.table] headers; bare keys (A-Z a-z 0-9 _ -); values: basic strings with
//   the escapes \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX, literal strings, decimal integers,
//   decimal floats, true/false, and arrays of these (across lines, trailing comma allowed);
//   comments; LF or CRLF line ends.
// Everything else in TOML is refused with the file and line: quoted and dotted keys, inline
// tables, arrays of tables, multi-line strings, dates and times, hex/octal/binary numbers,
// inf and nan. Duplicate keys and tables are errors too.

import Foundation

public enum TOMLSubset {
    /// Parses `text`; `file` names it in error messages.
    public static func parse(_ text: String, file: String) throws(TerminalUIError) -> TOMLDocument {
        var parser = Parser(scalars: Array(text.unicodeScalars), file: file)
        return try parser.document()
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(TerminalUIError) -> TOMLDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .tomlSyntax(file: path, line: 0, message: "the file is not valid UTF-8")
        }
        return try parse(text, file: path)
    }
}

private struct Parser {
    let scalars: [Unicode.Scalar]
    let file: String
    var index = 0
    var line = 1
    /// Arrays open around the value being read; bounded so hostile nesting cannot exhaust the stack.
    var arrayDepth = 0
    static let maximumArrayDepth = 32

    init(scalars: [Unicode.Scalar], file: String) {
        self.scalars = scalars
        self.file = file
        if scalars.first == "\u{FEFF}" { index = 1 }   // a byte order mark is allowed
    }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func error(_ message: String) -> TerminalUIError {
        .tomlSyntax(file: file, line: line, message: message)
    }

    mutating func document() throws(TerminalUIError) -> TOMLDocument {
        var root = TOMLTable(name: "", line: 0, file: file)
        var tables: [TOMLTable] = []
        var tableNames: Set<String> = []
        while current != nil {
            skipWhitespace()
            guard let scalar = current else { break }
            switch scalar {
            case "#", "\n", "\r":
                try endOfLine()
            case "[":
                let header = try tableHeader()
                if tableNames.contains(header) { throw error("table [\(header)] is defined twice") }
                if root[header] != nil {
                    throw error("[\(header)] is already a key at the top of the file")
                }
                tableNames.insert(header)
                tables.append(TOMLTable(name: header, line: line, file: file))
                try endOfLine()
            default:
                let keyLine = line
                let (key, value) = try keyValue()
                if tables.isEmpty {
                    if root[key] != nil { throw .tomlSyntax(file: file, line: keyLine, message: "key `\(key)` is defined twice") }
                    if tableNames.contains(key) { throw error("key `\(key)` is also a table name") }
                    root.append(.init(key: key, value: value, line: keyLine))
                } else {
                    let last = tables.count - 1
                    if tables[last][key] != nil {
                        throw .tomlSyntax(file: file, line: keyLine,
                                          message: "key `\(key)` is defined twice in [\(tables[last].name)]")
                    }
                    tables[last].append(.init(key: key, value: value, line: keyLine))
                }
                try endOfLine()
            }
        }
        return TOMLDocument(file: file, root: root, tables: tables)
    }

    // MARK: Lines, spaces, comments

    mutating func skipWhitespace() {
        while let scalar = current, scalar == " " || scalar == "\t" { index += 1 }
    }

    /// Optional spaces and comment, then a line end or the end of the file.
    mutating func endOfLine() throws(TerminalUIError) {
        skipWhitespace()
        if current == "#" { try comment() }
        guard let scalar = current else { return }
        switch scalar {
        case "\n":
            index += 1
            line += 1
        case "\r":
            guard index + 1 < scalars.count, scalars[index + 1] == "\n" else {
                throw error("a carriage return must be followed by a line feed")
            }
            index += 2
            line += 1
        default:
            throw error("unexpected \(describe(scalar)) after the value; expected the end of the line")
        }
    }

    mutating func comment() throws(TerminalUIError) {
        index += 1
        while let scalar = current, scalar != "\n", scalar != "\r" {
            if isForbiddenControl(scalar) { throw error("control character \(describe(scalar)) in a comment") }
            index += 1
        }
    }

    /// Spaces, comments and line ends between array elements.
    mutating func skipArrayFiller() throws(TerminalUIError) {
        while true {
            skipWhitespace()
            guard let scalar = current else { return }
            switch scalar {
            case "#": try comment()
            case "\n", "\r": try endOfLine()
            default: return
            }
        }
    }

    func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar.value < 0x20 || scalar.value == 0x7F {
            return "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        return "\"\(Character(scalar))\""
    }

    // MARK: Tables and keys

    mutating func tableHeader() throws(TerminalUIError) -> String {
        index += 1 // [
        if current == "[" { throw error("arrays of tables ([[…]]) are not supported") }
        var parts: [String] = []
        while true {
            skipWhitespace()
            parts.append(try bareKey(context: "table name"))
            skipWhitespace()
            if current == "." {
                index += 1
                continue
            }
            break
        }
        guard current == "]" else { throw error("expected \"]\" to close the table header") }
        index += 1
        return parts.joined(separator: ".")
    }

    mutating func bareKey(context: String) throws(TerminalUIError) -> String {
        guard let first = current else { throw error("expected a \(context) before the end of the file") }
        if first == "\"" || first == "'" { throw error("quoted keys are not supported; use a bare key (letters, digits, _ and -)") }
        var key = String.UnicodeScalarView()
        while let scalar = current, isBareKeyScalar(scalar) {
            key.append(scalar)
            index += 1
        }
        guard !key.isEmpty else { throw error("expected a \(context) (letters, digits, _ and -), found \(describe(first))") }
        return String(key)
    }

    func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    mutating func keyValue() throws(TerminalUIError) -> (String, TOMLValue) {
        let key = try bareKey(context: "key")
        skipWhitespace()
        if current == "." { throw error("dotted keys are not supported; use a [table] header") }
        guard current == "=" else { throw error("expected \"=\" after the key `\(key)`") }
        index += 1
        skipWhitespace()
        return (key, try value())
    }

    // MARK: Values

    mutating func value() throws(TerminalUIError) -> TOMLValue {
        guard let scalar = current else { throw error("expected a value before the end of the file") }
        switch scalar {
        case "\"": return .string(try basicString())
        case "'": return .string(try literalString())
        case "[": return .array(try array())
        case "{": throw error("inline tables are not supported; use a [table] header")
        case "t", "f": return .boolean(try boolean())
        case "i", "n": throw error("inf and nan are not supported")
        case "+", "-", "0"..."9": return try number()
        case "\n", "\r", "#": throw error("expected a value after \"=\"")
        default: throw error("unexpected \(describe(scalar)) where a value was expected")
        }
    }

    mutating func basicString() throws(TerminalUIError) -> String {
        if startsWith("\"\"\"") { throw error("multi-line strings are not supported") }
        index += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw error("unterminated string") }
            index += 1
            switch scalar {
            case "\"":
                return String(result)
            case "\\":
                result.append(try escape())
            case "\n", "\r":
                throw error("unterminated string (strings end on the line they start)")
            default:
                if isForbiddenControl(scalar) { throw error("control character \(describe(scalar)) in a string; write it as an escape") }
                result.append(scalar)
            }
        }
    }

    mutating func escape() throws(TerminalUIError) -> Unicode.Scalar {
        guard let scalar = current else { throw error("unterminated escape at the end of the file") }
        index += 1
        switch scalar {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u": return try unicodeEscape(digits: 4)
        case "U": return try unicodeEscape(digits: 8)
        default: throw error("unknown escape \\\(Character(scalar)); allowed: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX")
        }
    }

    mutating func unicodeEscape(digits: Int) throws(TerminalUIError) -> Unicode.Scalar {
        guard index + digits <= scalars.count else { throw error("a \\u escape needs \(digits) hex digits") }
        var text = ""
        for offset in 0..<digits { text.unicodeScalars.append(scalars[index + offset]) }
        guard text.allSatisfy(\.isHexDigit), let value = UInt32(text, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw error("\\u\(text) is not a Unicode scalar value")
        }
        index += digits
        return scalar
    }

    mutating func literalString() throws(TerminalUIError) -> String {
        if startsWith("'''") { throw error("multi-line strings are not supported") }
        index += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw error("unterminated string") }
            index += 1
            switch scalar {
            case "'": return String(result)
            case "\n", "\r": throw error("unterminated string (strings end on the line they start)")
            default:
                if isForbiddenControl(scalar) { throw error("control character \(describe(scalar)) in a string") }
                result.append(scalar)
            }
        }
    }

    mutating func boolean() throws(TerminalUIError) -> Bool {
        if startsWith("true"), !isBareKeyScalarAt(index + 4) {
            index += 4
            return true
        }
        if startsWith("false"), !isBareKeyScalarAt(index + 5) {
            index += 5
            return false
        }
        throw error("expected true or false (strings need quotes)")
    }

    func isBareKeyScalarAt(_ position: Int) -> Bool {
        position < scalars.count && isBareKeyScalar(scalars[position])
    }

    func startsWith(_ text: String) -> Bool {
        var position = index
        for scalar in text.unicodeScalars {
            guard position < scalars.count, scalars[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    mutating func array() throws(TerminalUIError) -> [TOMLValue] {
        guard arrayDepth < Self.maximumArrayDepth else {
            throw error("arrays nested more than \(Self.maximumArrayDepth) deep")
        }
        arrayDepth += 1
        defer { arrayDepth -= 1 }
        index += 1 // [
        var values: [TOMLValue] = []
        while true {
            try skipArrayFiller()
            guard let scalar = current else { throw error("unterminated array") }
            if scalar == "]" {
                index += 1
                return values
            }
            values.append(try value())
            try skipArrayFiller()
            switch current {
            case ",": index += 1
            case "]":
                index += 1
                return values
            case nil: throw error("unterminated array")
            case let other?: throw error("expected \",\" or \"]\" in the array, found \(describe(other))")
            }
        }
    }

    /// A decimal integer or float, digits optionally grouped by single underscores.
    mutating func number() throws(TerminalUIError) -> TOMLValue {
        let start = index
        while let scalar = current, isBareKeyScalar(scalar) || scalar == "+" || scalar == "." || scalar == ":" {
            index += 1
        }
        let token = String(String.UnicodeScalarView(scalars[start..<index]))
        if token.contains(":") || (token.count >= 10 && token.dropFirst(4).first == "-") {
            throw error("dates and times are not supported")
        }
        var body = Substring(token)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        if body.hasPrefix("0x") || body.hasPrefix("0o") || body.hasPrefix("0b") {
            throw error("hexadecimal, octal and binary numbers are not supported")
        }
        if body == "inf" || body == "nan" { throw error("inf and nan are not supported") }

        let exponentSplit = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "e" || $0 == "E" })
        guard exponentSplit.count <= 2 else { throw error("\"\(token)\" is not a number") }
        let mantissa = exponentSplit[0]
        let pointSplit = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard pointSplit.count <= 2, let integerPart = pointSplit.first, isDigitGroup(integerPart) else {
            throw error("\"\(token)\" is not a number")
        }
        if integerPart.count > 1, integerPart.first == "0" { throw error("\"\(token)\": leading zeros are not allowed") }
        var isFloat = false
        if pointSplit.count == 2 {
            guard isDigitGroup(pointSplit[1]) else { throw error("\"\(token)\": a point must have digits on both sides") }
            isFloat = true
        }
        if exponentSplit.count == 2 {
            var exponent = exponentSplit[1]
            if let first = exponent.first, first == "+" || first == "-" { exponent = exponent.dropFirst() }
            guard isDigitGroup(exponent) else { throw error("\"\(token)\": the exponent needs digits") }
            isFloat = true
        }
        let plain = sign + body.replacingOccurrences(of: "_", with: "")
        if isFloat {
            guard let value = Double(plain), value.isFinite else { throw error("\"\(token)\" is out of range for a float") }
            return .float(value)
        }
        guard let value = Int64(plain) else { throw error("\"\(token)\" is out of range for a 64-bit integer") }
        return .integer(value)
    }

    /// Digits, with single underscores only between digits.
    func isDigitGroup(_ text: Substring) -> Bool {
        guard let first = text.first, let last = text.last, first.isASCIIDigit, last.isASCIIDigit else { return false }
        var previousUnderscore = false
        for character in text {
            if character == "_" {
                if previousUnderscore { return false }
                previousUnderscore = true
            } else if character.isASCIIDigit {
                previousUnderscore = false
            } else {
                return false
            }
        }
        return true
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
