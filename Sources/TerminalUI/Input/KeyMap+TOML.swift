// Key bindings from a TOML-subset table, for configuration files:
//
//   [keys]
//   generate = ["F5", "Ctrl-R"]
//   theme_picker = "Ctrl-T"
//
// Each action listed replaces all of its default keys; actions not listed keep theirs.

extension KeyMap {
    public mutating func apply(_ table: TOMLTable) throws(TerminalUIError) {
        var replacements: [(KeyAction, [Key])] = []
        for entry in table.entries {
            guard let action = KeyAction(rawValue: entry.key) else {
                throw table.unknownKeyError(entry, allowed: KeyAction.allCases.map(\.rawValue))
            }
            let names: [String]
            switch entry.value {
            case .string(let name): names = [name]
            case .array:
                guard let list = try table.strings(entry.key) else { continue }
                names = list
            default:
                throw .tomlValue(file: table.file, line: entry.line, key: entry.key,
                                 message: "expected a key name or an array of key names, found \(entry.value.typeName)")
            }
            var keys: [Key] = []
            for name in names {
                do {
                    keys.append(try Key(parsing: name))
                } catch {
                    throw .tomlValue(file: table.file, line: entry.line, key: entry.key, message: error.description)
                }
            }
            replacements.append((action, keys))
        }
        for (action, keys) in replacements {
            for (key, bound) in bindings where bound == action { unbind(key) }
            for key in keys { bind(key, to: action, navigationOnly: key.typedCharacter != nil) }
        }
    }
}
