// Everything that can go wrong with preset files, each case naming the file (and line and key
// where there is one) and saying what to do.

/// A problem with a preset file or with saving a preset.
public enum PresetError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is not well-formed TOML of the subset presets use.
    case syntax(file: String, line: Int, message: String)
    /// A key has a value of the wrong type or outside its range.
    case invalidValue(file: String, line: Int, table: String, key: String, message: String)
    /// A key the table does not have (often a typo).
    case unknownKey(file: String, line: Int, table: String, key: String, allowed: [String])
    /// A table presets do not have.
    case unknownTable(file: String, line: Int, table: String, allowed: [String])
    /// A key before the first table header.
    case keyOutsideTable(file: String, line: Int, key: String)
    /// Two files in one folder define presets of the same name; the first (by file name) is kept.
    case duplicateName(file: String, name: String, keptFile: String)
    case fileTooLarge(path: String, bytes: Int, limit: Int)
    /// A directory, device, pipe or socket where a preset file was expected.
    case notARegularFile(path: String)
    case notUTF8(path: String)
    case unreadable(path: String, reason: String)
    /// A folder holds more preset files than are read.
    case tooManyFiles(folder: String, limit: Int)
    /// A preset name that cannot be used (empty, too long, control characters).
    case invalidName(name: String, reason: String)
    /// Neither XDG_CONFIG_HOME nor HOME is an absolute path, so there is no user preset folder.
    case noUserFolder
    case cannotCreateFolder(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    /// A preset about to be saved would not read back (see `problems`).
    case unsavable(name: String, problems: [PresetError])

    static let manual = "see sdxl-presets(5)"

    public var description: String {
        switch self {
        case let .syntax(file, line, message):
            return "\(Self.location(file, line)): \(message); \(Self.manual) for the file format"
        case let .invalidValue(file, line, table, key, message):
            return "\(Self.location(file, line)): key `\(key)` in [\(table)]: \(message)"
        case let .unknownKey(file, line, table, key, allowed):
            return "\(Self.location(file, line)): unknown key `\(key)` in [\(table)]; "
                + "allowed: \(allowed.joined(separator: ", "))"
        case let .unknownTable(file, line, table, allowed):
            return "\(Self.location(file, line)): unknown table [\(table)]; presets have "
                + allowed.map { "[\($0)]" }.joined(separator: ", ")
        case let .keyOutsideTable(file, line, key):
            return "\(Self.location(file, line)): key `\(key)` is outside any table; put it under its table "
                + "([preset], [style], [size], …), \(Self.manual)"
        case let .duplicateName(file, name, keptFile):
            return "\(file): the preset name \"\(name)\" is also used by \(keptFile), which is kept; "
                + "rename one of them"
        case let .fileTooLarge(path, bytes, limit):
            return "\(path): \(bytes) bytes is more than the \(limit)-byte limit for preset files; "
                + "this is not a preset, or its templates are far too long"
        case let .notARegularFile(path):
            return "\(path): not a regular file; remove it from the preset folder"
        case let .notUTF8(path):
            return "\(path): the file is not valid UTF-8; save it as UTF-8 text"
        case let .unreadable(path, reason):
            return "\(path): cannot read the file (\(reason)); check that it exists and is readable"
        case let .tooManyFiles(folder, limit):
            return "\(folder): more than \(limit) preset files; only the first \(limit) by name are read"
        case let .invalidName(name, reason):
            return "the preset name \"\(name)\" \(reason)"
        case .noUserFolder:
            return "there is no folder for user presets: set HOME (or XDG_CONFIG_HOME) to an absolute path"
        case let .cannotCreateFolder(path, reason):
            return "cannot create the preset folder \(path) (\(reason)); check its parent's permissions"
        case let .writeFailed(path, reason):
            return "cannot save the preset to \(path) (\(reason)); check the disk and the folder's permissions"
        case let .unsavable(name, problems):
            return "the preset \"\(name)\" cannot be saved: "
                + problems.map(\.description).joined(separator: "; ")
        }
    }

    /// The file the problem is in, when there is one.
    public var file: String? {
        switch self {
        case let .syntax(file, _, _), let .invalidValue(file, _, _, _, _), let .unknownKey(file, _, _, _, _),
             let .unknownTable(file, _, _, _), let .keyOutsideTable(file, _, _), let .duplicateName(file, _, _):
            return file
        case let .fileTooLarge(path, _, _), let .notARegularFile(path), let .notUTF8(path), let .unreadable(path, _),
             let .writeFailed(path, _):
            return path
        case .tooManyFiles, .invalidName, .noUserFolder, .cannotCreateFolder, .unsavable:
            return nil
        }
    }

    /// The 1-based line of the problem, when it has one.
    public var line: Int? {
        switch self {
        case let .syntax(_, line, _), let .invalidValue(_, line, _, _, _), let .unknownKey(_, line, _, _, _),
             let .unknownTable(_, line, _, _), let .keyOutsideTable(_, line, _):
            return line > 0 ? line : nil
        default:
            return nil
        }
    }

    private static func location(_ file: String, _ line: Int) -> String {
        line > 0 ? "\(file):\(line)" : file
    }
}

/// Every problem found in one preset file; the file is not used.
public struct PresetFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// At least one.
    public var problems: [PresetError]

    public init(file: String, problems: [PresetError]) {
        self.file = file
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
