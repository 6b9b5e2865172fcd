// Reading a theme from a TOML-subset file (format in sdxl-themes(5)):
//
//   [theme]            name = "…", description = "…"   (both optional)
//   [palette]          name = "#rrggbb" | "default" | ANSI name | 0–255   (optional)
//   [<role>]           fg = colour, bg = colour, bold/dim/italic/underline/reverse = true|false
//
// A table for every role in UIRole is required; `bg` may be left out except in [background]
// and then means the background role's bg. Colours are "#rrggbb", "default", the 16 ANSI
// names, an xterm palette index as an integer, or a name from [palette].

extension Theme {
    /// Loads the theme in the file at `path`; its id is the file name without ".toml", which is
    /// also its name unless [theme] gives one.
    public static func load(path: String) throws(TerminalUIError) -> Theme {
        let document = try TOMLSubset.load(path: path)
        let stem = String(path.split(separator: "/").last ?? Substring(path))
        return try Theme(document: document, id: stem.hasSuffix(".toml") ? String(stem.dropLast(5)) : stem)
    }

    /// Builds the theme `id` (its file name without ".toml") from a parsed file.
    public init(document: TOMLDocument, id: String) throws(TerminalUIError) {
        let file = document.file
        if let first = document.root.entries.first {
            throw .invalidTheme(file: file, line: first.line,
                                message: "key `\(first.key)` is outside any table; put it under [theme] or a role table")
        }
        var name = id
        var description = ""
        if let header = document.table("theme") {
            for entry in header.entries where !["name", "description"].contains(entry.key) {
                throw header.unknownKeyError(entry, allowed: ["name", "description"])
            }
            name = try header.string("name") ?? name
            description = try header.string("description") ?? ""
        }
        let palette = try Self.palette(document.table("palette"))

        let roleNames = Set(UIRole.allCases.map(\.rawValue))
        for table in document.tables where table.name != "theme" && table.name != "palette" && !roleNames.contains(table.name) {
            throw .invalidTheme(file: file, line: table.line,
                                message: "[\(table.name)] is not a role; roles are \(UIRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var styles: [UIRole: ThemeStyle] = [:]
        guard let backgroundTable = document.table(UIRole.background.rawValue) else {
            throw .invalidTheme(file: file, line: 0, message: "the [background] table is missing")
        }
        let background = try Self.style(backgroundTable, palette: palette, defaultBackground: nil)
        styles[.background] = background
        for role in UIRole.allCases where role != .background {
            guard let table = document.table(role.rawValue) else {
                throw .invalidTheme(file: file, line: 0, message: "the [\(role.rawValue)] table is missing (\(role.purpose))")
            }
            styles[role] = try Self.style(table, palette: palette, defaultBackground: background.background)
        }
        self.init(id: id, name: name, description: description, styles: styles)
    }

    private static func palette(_ table: TOMLTable?) throws(TerminalUIError) -> [String: TerminalColor] {
        guard let table else { return [:] }
        var colors: [String: TerminalColor] = [:]
        for entry in table.entries {
            colors[entry.key] = try color(entry, in: table, palette: [:])
        }
        return colors
    }

    private static let styleKeys = ["fg", "bg"] + TextAttributes.keyed.map(\.key)

    private static func style(_ table: TOMLTable, palette: [String: TerminalColor],
                              defaultBackground: TerminalColor?) throws(TerminalUIError) -> ThemeStyle {
        for entry in table.entries where !styleKeys.contains(entry.key) {
            throw table.unknownKeyError(entry, allowed: styleKeys)
        }
        guard let foregroundEntry = table["fg"] else {
            throw .invalidTheme(file: table.file, line: table.line, message: "[\(table.name)] needs an `fg` colour")
        }
        let foreground = try color(foregroundEntry, in: table, palette: palette)
        let background: TerminalColor
        if let backgroundEntry = table["bg"] {
            background = try color(backgroundEntry, in: table, palette: palette)
        } else if let defaultBackground {
            background = defaultBackground
        } else {
            throw .invalidTheme(file: table.file, line: table.line, message: "[\(table.name)] needs a `bg` colour")
        }
        var attributes: TextAttributes = []
        for (key, attribute) in TextAttributes.keyed {
            if try table.boolean(key) == true { attributes.insert(attribute) }
        }
        return ThemeStyle(foreground: foreground, background: background, attributes: attributes)
    }

    private static func color(_ entry: TOMLTable.Entry, in table: TOMLTable,
                              palette: [String: TerminalColor]) throws(TerminalUIError) -> TerminalColor {
        switch entry.value {
        case .integer(let index):
            guard (0...255).contains(index) else {
                throw .tomlValue(file: table.file, line: entry.line, key: entry.key,
                                 message: "palette index \(index) is outside 0–255")
            }
            return .indexed(UInt8(index))
        case .string(let text):
            if let color = palette[text] ?? TerminalColor(parsing: text) { return color }
            throw .tomlValue(file: table.file, line: entry.line, key: entry.key,
                             message: "\"\(text)\" is not a colour; use \"#rrggbb\", \"default\", an ANSI name such as "
                                + "\"bright-blue\", an index 0–255, or a name from [palette]")
        default:
            throw .tomlValue(file: table.file, line: entry.line, key: entry.key,
                             message: "expected a colour (a string or an index 0–255), found \(entry.value.typeName)")
        }
    }
}
