// A strict JSON reader for safetensors headers and sharded-checkpoint indexes (RFC 8259 grammar).
// Foundation's JSONSerialization silently keeps one of two equal keys; this reader refuses
// duplicates, bounds nesting, and by default accepts only the value kinds a safetensors header
// holds: objects, arrays, strings and integers. It reads bytes already checked to be UTF-8.

/// A parsed JSON value.
enum JSONValue {
    case object(JSONObject)
    case array([JSONValue])
    case string(String)
    case integer(Int)
    /// A number with a fraction or exponent, an integer beyond 64 bits, `true`, `false` or `null`,
    /// kept as its source text. Only produced when the parser is told to allow them.
    case otherScalar(String)

    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .integer: "an integer"
        case .otherScalar(let text): "the value \(text)"
        }
    }
}

/// Object members in source order; keys are unique.
struct JSONObject {
    struct Member {
        let key: String
        let value: JSONValue
    }

    var members: [Member] = []

    subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }
}

enum JSONFailure: Error, Equatable {
    case syntax(String)
    case duplicateKey(key: String, enclosingKey: String?)
}

struct StrictJSONParser {
    /// Real headers nest three deep (header, tensor entry, shape); indexes two.
    static let defaultMaxDepth = 16

    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private let maxDepth: Int
    private let allowsOtherScalars: Bool
    /// Reused while decoding strings that contain escapes.
    private var scratch: [UInt8] = []

    /// Parses one JSON value that spans `bytes`, allowing only whitespace around it.
    static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth,
                      allowsOtherScalars: Bool = false) throws(JSONFailure) -> JSONValue {
        var parser = StrictJSONParser(bytes: bytes, maxDepth: maxDepth, allowsOtherScalars: allowsOtherScalars)
        let value = try parser.parseValue(depth: 0, enclosingKey: nil)
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw parser.failure("unexpected \(parser.describeCurrent()) after the end of the JSON value")
        }
        return value
    }

    private init(bytes: UnsafeRawBufferPointer, maxDepth: Int, allowsOtherScalars: Bool) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.allowsOtherScalars = allowsOtherScalars
    }

    // MARK: Values

    private mutating func parseValue(depth: Int, enclosingKey: String?) throws(JSONFailure) -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw failure("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            try checkDepth(depth)
            return .object(try parseObject(depth: depth + 1, enclosingKey: enclosingKey))
        case UInt8(ascii: "["):
            try checkDepth(depth)
            return .array(try parseArray(depth: depth + 1, enclosingKey: enclosingKey))
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return try parseLiteral()
        default:
            throw failure("unexpected \(describeCurrent()), expected a value")
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONFailure) {
        if depth >= maxDepth { throw failure("nesting deeper than \(maxDepth) levels") }
    }

    private mutating func parseObject(depth: Int, enclosingKey: String?) throws(JSONFailure) -> JSONObject {
        position += 1  // "{"
        var object = JSONObject()
        var seen = Set<String>()
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return object
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw failure("unexpected \(describeCurrent()), expected a string key")
            }
            let key = try parseString()
            // Swift compares strings by canonical equivalence, so keys that differ only in Unicode
            // normalisation count as duplicates too: lookups could not tell them apart.
            guard seen.insert(key).inserted else {
                throw .duplicateKey(key: key, enclosingKey: enclosingKey)
            }
            try expect(UInt8(ascii: ":"), "\":\" after an object key")
            let value = try parseValue(depth: depth, enclosingKey: key)
            object.members.append(.init(key: key, value: value))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return object
            default:
                throw failure("unexpected \(describeCurrent()), expected \",\" or \"}\" in an object")
            }
        }
    }

    private mutating func parseArray(depth: Int, enclosingKey: String?) throws(JSONFailure) -> [JSONValue] {
        position += 1  // "["
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            elements.append(try parseValue(depth: depth, enclosingKey: enclosingKey))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return elements
            default:
                throw failure("unexpected \(describeCurrent()), expected \",\" or \"]\" in an array")
            }
        }
    }

    private mutating func parseLiteral() throws(JSONFailure) -> JSONValue {
        let start = position
        for literal in ["true", "false", "null"] where matches(literal) {
            guard allowsOtherScalars else {
                throw failure("\(literal) is not allowed here; a safetensors header holds only "
                              + "objects, arrays, strings and integers")
            }
            position += literal.utf8.count
            return .otherScalar(literal)
        }
        position = start
        throw failure("unexpected \(describeCurrent()), expected a value")
    }

    private func matches(_ literal: String) -> Bool {
        let utf8 = literal.utf8
        guard bytes.count - position >= utf8.count else { return false }
        return zip(bytes[position...], utf8).allSatisfy { $0 == $1 }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONFailure) -> JSONValue {
        let start = position
        let negative = peek() == UInt8(ascii: "-")
        if negative { position += 1 }
        guard let first = peek(), isDigit(first) else {
            throw failure("expected a digit after \"-\"")
        }
        var magnitude = 0
        var fitsInInt = true
        if first == UInt8(ascii: "0") {
            position += 1
            if let following = peek(), isDigit(following) {
                throw failure("numbers must not have leading zeros")
            }
        } else {
            while let digit = peek(), isDigit(digit) {
                position += 1
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
                if overflow1 || overflow2 { fitsInInt = false } else { magnitude = sum }
            }
        }
        let isInteger = !(peek() == UInt8(ascii: ".") || peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E"))
        if isInteger && fitsInInt {
            return .integer(negative ? -magnitude : magnitude)
        }
        if !allowsOtherScalars {
            position = start
            throw isInteger ? failure("integer does not fit in 64 bits") : failure("number is not an integer")
        }
        try skipFractionAndExponent()
        return .otherScalar(String(decoding: bytes[start..<position], as: UTF8.self))
    }

    private mutating func skipFractionAndExponent() throws(JSONFailure) {
        if peek() == UInt8(ascii: ".") {
            position += 1
            try skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            try skipDigits()
        }
    }

    private mutating func skipDigits() throws(JSONFailure) {
        guard let digit = peek(), isDigit(digit) else { throw failure("expected a digit") }
        while let digit = peek(), isDigit(digit) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONFailure) -> String {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes, so the string is a slice of the (valid UTF-8) input.
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw failure("control character 0x\(hex(byte)) inside a string") }
            position += 1
        }
        guard let stop = peek() else { throw failure("unterminated string") }
        if stop == UInt8(ascii: "\"") {
            position += 1
            return String(decoding: bytes[start..<(position - 1)], as: UTF8.self)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[start..<position])
        while true {
            guard let byte = next() else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape()
            case ..<0x20:
                position -= 1
                throw failure("control character 0x\(hex(byte)) inside a string")
            default:
                scratch.append(byte)
            }
        }
    }

    private mutating func parseEscape() throws(JSONFailure) {
        guard let byte = next() else { throw failure("unterminated escape") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var value = UInt32(try parseHex4())
            if (0xD800...0xDBFF).contains(value) {
                guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u") else {
                    throw failure("high surrogate \\u\(String(value, radix: 16)) without a low surrogate")
                }
                let low = UInt32(try parseHex4())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw failure("high surrogate followed by \\u\(String(low, radix: 16)), not a low surrogate")
                }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(value) {
                throw failure("unpaired low surrogate \\u\(String(value, radix: 16))")
            }
            guard let scalar = Unicode.Scalar(value) else { throw failure("invalid \\u escape") }
            scratch.append(contentsOf: String(scalar).utf8)
        default:
            position -= 1
            throw failure("invalid escape \\\(describeCurrent())")
        }
    }

    private mutating func parseHex4() throws(JSONFailure) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = next() else { throw failure("unterminated \\u escape") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                position -= 1
                throw failure("\\u escape needs four hex digits")
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    // MARK: Cursor

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func next() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONFailure) {
        skipWhitespace()
        guard peek() == byte else { throw failure("unexpected \(describeCurrent()), expected \(what)") }
        position += 1
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
              byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            position += 1
        }
    }

    private func describeCurrent() -> String {
        guard let byte = peek() else { return "end of input" }
        if byte >= 0x21 && byte < 0x7F { return "\"\(Character(Unicode.Scalar(byte)))\"" }
        return "byte 0x\(hex(byte))"
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    private func failure(_ reason: String) -> JSONFailure {
        .syntax("\(reason) at byte \(min(position, bytes.count))")
    }
}
