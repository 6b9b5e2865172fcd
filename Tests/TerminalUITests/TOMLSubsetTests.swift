import Testing
@testable import TerminalUI

@Suite("TOML subset parser")
struct TOMLSubsetTests {
    @Test("what the subset accepts")
    func accepted() throws {
        let text = """
            # A preset
            title = "SDXL \\"base\\"\\tdefaults \\u00e9\\U0001F600"   # trailing comment
            path = 'C:\\raw\\no escapes'

            [sampler]
            steps = 30
            cfg = 7.5
            big = 1_000_000
            negative = -3
            tiny = 1e-3
            exp = 2E+2
            refiner = true
            off = false
            sizes = [1024, 896,
                     832,   # a comment inside
                   ]
            names = ["a", 'b']
            nested = [[1, 2], ["x"]]
            empty = []

            [deep.table-name_2]
            key-with-dash = 0
            """
        let document = try TOMLSubset.parse(text, file: "preset.toml")
        #expect(try document.root.string("title") == "SDXL \"base\"\tdefaults é😀")
        #expect(try document.root.string("path") == "C:\\raw\\no escapes")
        let sampler = try #require(document.table("sampler"))
        #expect(sampler.line == 5)
        #expect(try sampler.integer("steps") == 30)
        #expect(try sampler.number("cfg") == 7.5)
        #expect(try sampler.number("steps") == 30)
        #expect(try sampler.integer("big") == 1_000_000)
        #expect(try sampler.integer("negative") == -3)
        #expect(try sampler.number("tiny") == 0.001)
        #expect(try sampler.number("exp") == 200)
        #expect(try sampler.boolean("refiner") == true)
        #expect(try sampler.boolean("off") == false)
        #expect(sampler["sizes"]?.value == .array([.integer(1024), .integer(896), .integer(832)]))
        #expect(try sampler.strings("names") == ["a", "b"])
        #expect(sampler["nested"]?.value == .array([.array([.integer(1), .integer(2)]), .array([.string("x")])]))
        #expect(sampler["empty"]?.value == .array([]))
        #expect(sampler["refiner"]?.line == 12)
        #expect(document.table("deep.table-name_2")?["key-with-dash"]?.value == .integer(0))
        #expect(document.tables.map(\.name) == ["sampler", "deep.table-name_2"])
    }

    @Test("CRLF line ends and a byte order mark")
    func lineEnds() throws {
        let document = try TOMLSubset.parse("\u{FEFF}a = 1\r\n[t]\r\nb = 2\r\n", file: "x.toml")
        #expect(try document.table("t")?.integer("b") == 2)
        #expect(document.table("t")?["b"]?.line == 3)
    }

    struct Rejection: CustomTestStringConvertible, Sendable {
        let text: String
        let line: Int
        let fragment: String
        var testDescription: String { fragment }
    }

    static let rejections: [Rejection] = [
        Rejection(text: "a = 1\na = 2", line: 2, fragment: "defined twice"),
        Rejection(text: "[t]\n[t]", line: 2, fragment: "table [t] is defined twice"),
        Rejection(text: "t = 1\n[t]", line: 2, fragment: "already a key"),
        Rejection(text: "x = {a = 1}", line: 1, fragment: "inline tables"),
        Rejection(text: "\n[[bin]]", line: 2, fragment: "arrays of tables"),
        Rejection(text: "a.b = 1", line: 1, fragment: "dotted keys"),
        Rejection(text: "\"quoted\" = 1", line: 1, fragment: "quoted keys"),
        Rejection(text: "s = \"\"\"multi\"\"\"", line: 1, fragment: "multi-line strings"),
        Rejection(text: "s = '''multi'''", line: 1, fragment: "multi-line strings"),
        Rejection(text: "d = 1979-05-27", line: 1, fragment: "dates and times"),
        Rejection(text: "t = 07:32:00", line: 1, fragment: "dates and times"),
        Rejection(text: "h = 0xFF", line: 1, fragment: "hexadecimal"),
        Rejection(text: "f = inf", line: 1, fragment: "inf and nan"),
        Rejection(text: "f = -nan", line: 1, fragment: "inf and nan"),
        Rejection(text: "z = 012", line: 1, fragment: "leading zeros"),
        Rejection(text: "u = 1__0", line: 1, fragment: "is not a number"),
        Rejection(text: "p = 1.", line: 1, fragment: "digits on both sides"),
        Rejection(text: "p = .5", line: 1, fragment: "where a value was expected"),
        Rejection(text: "big = 99999999999999999999", line: 1, fragment: "out of range"),
        Rejection(text: "s = \"abc", line: 1, fragment: "unterminated string"),
        Rejection(text: "s = \"a\\qb\"", line: 1, fragment: "unknown escape"),
        Rejection(text: "s = \"\\uD800\"", line: 1, fragment: "not a Unicode scalar"),
        Rejection(text: "s = \"tab\u{01}\"", line: 1, fragment: "control character"),
        Rejection(text: "b = True", line: 1, fragment: "unexpected \"T\""),
        Rejection(text: "b = truely", line: 1, fragment: "expected true or false"),
        Rejection(text: "a = 1 2", line: 1, fragment: "after the value"),
        Rejection(text: "a =", line: 1, fragment: "expected a value"),
        Rejection(text: "a", line: 1, fragment: "expected \"=\""),
        Rejection(text: "a = [1, 2", line: 1, fragment: "unterminated array"),
        Rejection(text: "a = [1 2]", line: 1, fragment: "expected \",\" or \"]\""),
        Rejection(text: "\n\n[ok]\nx = 1\ny = \"no end", line: 5, fragment: "unterminated string"),
        Rejection(text: "a = 1\rb = 2", line: 1, fragment: "carriage return"),
        Rejection(text: "[bad name]", line: 1, fragment: "expected \"]\""),
        Rejection(text: "# comment \u{7F}", line: 1, fragment: "control character"),
    ]

    @Test("what the subset refuses, with the line", arguments: rejections)
    func rejected(_ sample: Rejection) {
        do {
            _ = try TOMLSubset.parse(sample.text, file: "bad.toml")
            Issue.record("accepted \(sample.text.debugDescription)")
        } catch {
            guard case .tomlSyntax(let file, let line, let message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(file == "bad.toml")
            #expect(line == sample.line, "\(message)")
            #expect(message.contains(sample.fragment), "\(message)")
            #expect(error.description.hasPrefix("bad.toml:\(sample.line): "))
        }
    }

    @Test("typed readers name the file, line and key")
    func typedErrors() throws {
        let document = try TOMLSubset.parse("[t]\n\nsteps = \"thirty\"", file: "p.toml")
        let table = try #require(document.table("t"))
        #expect(throws: TerminalUIError.tomlValue(file: "p.toml", line: 3, key: "steps",
                                                  message: "expected an integer, found string")) {
            try table.integer("steps")
        }
        #expect(try table.integer("missing") == nil)
    }
}
