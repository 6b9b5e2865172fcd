/// One `[table]` of a TOML-subset file (or the keys before the first header), in file order,
/// with the line of every key so that readers can report errors where they are.
public struct TOMLTable: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var key: String
        public var value: TOMLValue
        public var line: Int
    }

    /// The header name ("" for the top of the file); dotted headers keep their dots ("a.b").
    public var name: String
    /// The header's line (0 for the top of the file).
    public var line: Int
    public var file: String
    public private(set) var entries: [Entry] = []

    public init(name: String, line: Int, file: String) {
        self.name = name
        self.line = line
        self.file = file
    }

    public var keys: [String] { entries.map(\.key) }

    public subscript(key: String) -> Entry? {
        entries.first { $0.key == key }
    }

    mutating func append(_ entry: Entry) {
        entries.append(entry)
    }
}

extension TOMLTable {
    private func wrongType(_ entry: Entry, expected: String) -> TerminalUIError {
        .tomlValue(file: file, line: entry.line, key: entry.key,
                   message: "expected \(expected), found \(entry.value.typeName)")
    }

    /// The string at `key`; nil when absent; an error naming file, line and key when not a string.
    public func string(_ key: String) throws(TerminalUIError) -> String? {
        guard let entry = self[key] else { return nil }
        guard case .string(let value) = entry.value else { throw wrongType(entry, expected: "a string") }
        return value
    }

    public func integer(_ key: String) throws(TerminalUIError) -> Int64? {
        guard let entry = self[key] else { return nil }
        guard case .integer(let value) = entry.value else { throw wrongType(entry, expected: "an integer") }
        return value
    }

    /// A float; an integer is accepted too ("7" where "7.0" was meant).
    public func number(_ key: String) throws(TerminalUIError) -> Double? {
        guard let entry = self[key] else { return nil }
        switch entry.value {
        case .float(let value): return value
        case .integer(let value): return Double(value)
        default: throw wrongType(entry, expected: "a number")
        }
    }

    public func boolean(_ key: String) throws(TerminalUIError) -> Bool? {
        guard let entry = self[key] else { return nil }
        guard case .boolean(let value) = entry.value else { throw wrongType(entry, expected: "true or false") }
        return value
    }

    public func strings(_ key: String) throws(TerminalUIError) -> [String]? {
        guard let entry = self[key] else { return nil }
        guard case .array(let values) = entry.value else { throw wrongType(entry, expected: "an array of strings") }
        var result: [String] = []
        for value in values {
            guard case .string(let text) = value else { throw wrongType(entry, expected: "an array of strings") }
            result.append(text)
        }
        return result
    }

    /// An error for a key that is present but not allowed here.
    public func unknownKeyError(_ entry: Entry, allowed: [String]) -> TerminalUIError {
        .tomlValue(file: file, line: entry.line, key: entry.key,
                   message: "unknown key in [\(name)]; allowed: \(allowed.joined(separator: ", "))")
    }
}
