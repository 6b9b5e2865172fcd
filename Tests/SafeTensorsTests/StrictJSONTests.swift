import Testing
@testable import SafeTensors

/// The header parser on its own: what it accepts, and how it decodes strings.
@Suite struct StrictJSONTests {
    func parse(_ text: String, allowsOtherScalars: Bool = false) throws -> JSONValue {
        try Array(text.utf8).withUnsafeBytes { try StrictJSONParser.parse($0, allowsOtherScalars: allowsOtherScalars) }
    }

    func string(_ text: String) throws -> String? {
        guard case .array(let items) = try parse("[\(text)]"), case .string(let value)? = items.first else { return nil }
        return value
    }

    @Test func stringEscapesDecode() throws {
        #expect(try string(#""a\"b\\c\/d\b\f\n\r\t""#) == "a\"b\\c/d\u{08}\u{0C}\n\r\t")
        #expect(try string(#""\u0041\u00e9\u2603""#) == "Aé☃")
        #expect(try string(#""\uD83D\uDE00 and \ud834\udd1e""#) == "😀 and 𝄞")
        #expect(try string("\"raw café ☃ 😀\"") == "raw café ☃ 😀")
        #expect(try string(#""""#) == "")
    }

    @Test func integersDecodeAtTheirLimits() throws {
        guard case .array(let items) = try parse("[0, -0, 9223372036854775807, -9223372036854775807, 42]") else {
            Issue.record("not an array")
            return
        }
        let numbers = items.compactMap { item -> Int? in
            if case .integer(let value) = item { return value }
            return nil
        }
        #expect(numbers == [0, 0, .max, -.max, 42])
        #expect(throws: JSONFailure.syntax("integer does not fit in 64 bits at byte 1")) { try parse("[9223372036854775808]") }
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let limit = StrictJSONParser.defaultMaxDepth
        _ = try parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit))
        #expect(throws: JSONFailure.syntax("nesting deeper than \(limit) levels at byte \(limit)")) {
            try parse(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1))
        }
    }

    @Test func lenientModeKeepsOtherScalarsAsText() throws {
        let value = try parse(#"{"a": 1.5e-3, "b": true, "c": null, "d": -2E+2, "e": 18446744073709551616}"#,
                              allowsOtherScalars: true)
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        let texts = object.members.map { member -> String in
            if case .otherScalar(let text) = member.value { return text }
            return "?"
        }
        #expect(texts == ["1.5e-3", "true", "null", "-2E+2", "18446744073709551616"])
        #expect(throws: JSONFailure.syntax("expected a digit at byte 3")) { try parse("[1.]", allowsOtherScalars: true) }
        #expect(throws: JSONFailure.duplicateKey(key: "k", enclosingKey: "o")) {
            try parse(#"{"o": {"k": 1, "k": 2}}"#, allowsOtherScalars: true)
        }
    }

    @Test func whitespaceAroundTokensIsAllowed() throws {
        guard case .object(let object) = try parse(" \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : { } } \n  ") else {
            Issue.record("not an object")
            return
        }
        #expect(object.members.map(\.key) == ["a", "b"])
    }

    @Test func utf8ValidationAcceptsEveryWellFormedLength() {
        let valid = Array("a é ☃ 😀 \u{10FFFF} \u{D7FF} \u{E000}".utf8)
        #expect(valid.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0) } == nil)
        let invalid: [[UInt8]] = [[0x80], [0xC1, 0x80], [0xE0, 0x9F, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
                                  [0x61, 0xF0, 0x9F, 0x98]]
        for bytes in invalid {
            #expect(bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset(in: $0) } == (bytes.first == 0x61 ? 1 : 0),
                    "\(bytes)")
        }
    }
}
