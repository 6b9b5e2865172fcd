import Foundation
import Jobs
import Testing

@Suite("JSON values")
struct JSONValueTests {
    struct Settings: Codable, Equatable {
        var prompt: String
        var seed: UInt64
        var scale: Double
        var size: [Int]
        var negative: String?
    }

    @Test("settings survive the trip through JSONValue, 64-bit seeds included")
    func roundTrip() throws {
        let settings = Settings(prompt: "a \"quoted\"\nprompt ✓", seed: UInt64.max, scale: 7.25, size: [1024, 768], negative: nil)
        let value = try JSONValue(encoding: settings)
        #expect(value["seed"] == .uint(UInt64.max))
        #expect(value["scale"] == .double(7.25))
        #expect(value["size"] == .array([.int(1024), .int(768)]))
        #expect(try value.decode(as: Settings.self) == settings)
        let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(again == value)
    }

    @Test("every kind of value decodes to its case")
    func kinds() throws {
        let text = #"{"a":null,"b":true,"c":-9223372036854775808,"d":1.5,"e":"x","f":[1,"y"],"g":{"h":false}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == .object([
            "a": .null, "b": .bool(true), "c": .int(Int64.min), "d": .double(1.5), "e": .string("x"),
            "f": .array([.int(1), .string("y")]), "g": .object(["h": .bool(false)]),
        ]))
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("no members")["a"] == nil)
    }
}
