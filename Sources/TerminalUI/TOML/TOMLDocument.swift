/// A parsed TOML-subset file: the keys before the first header and the tables in file order.
public struct TOMLDocument: Hashable, Sendable {
    public var file: String
    public var root: TOMLTable
    public var tables: [TOMLTable]

    public func table(_ name: String) -> TOMLTable? {
        tables.first { $0.name == name }
    }
}
