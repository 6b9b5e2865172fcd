import Foundation

/// All themes found in a directory. A theme that fails to load is reported (file and line) and
/// skipped; the others still load.
public struct ThemeLibrary: Sendable {
    public private(set) var themes: [Theme]
    public private(set) var problems: [TerminalUIError]

    public init(themes: [Theme], problems: [TerminalUIError] = []) {
        self.themes = themes
        self.problems = problems
    }

    /// Loads every `*.toml` file in `directory`, sorted by file name. A missing directory gives
    /// an empty library with one problem.
    public static func load(directory: String) -> ThemeLibrary {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            return ThemeLibrary(themes: [], problems: [.unreadableFile(path: directory, reason: error.localizedDescription)])
        }
        var themes: [Theme] = []
        var problems: [TerminalUIError] = []
        for name in names.sorted() where name.hasSuffix(".toml") {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                themes.append(try Theme.load(path: path))
            } catch {
                problems.append(error)
            }
        }
        return ThemeLibrary(themes: themes, problems: problems)
    }

    /// The theme with id (file name) or display name `name`, ignoring case.
    public func theme(named name: String) -> Theme? {
        let wanted = name.lowercased()
        return themes.first { $0.id.lowercased() == wanted } ?? themes.first { $0.name.lowercased() == wanted }
    }
}
