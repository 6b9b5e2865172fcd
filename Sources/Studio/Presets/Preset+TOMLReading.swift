// Reading one preset file: size cap and file type checked before anything is parsed, then the
// TOML subset of TerminalUI, then PresetReader's checks of every key.
import Foundation
import TerminalUI

extension Preset {
    /// Parses a preset from `text`; `file` names it in problems and its last path component
    /// without `.toml` names a preset whose [preset] table has no `name`.
    public init(toml text: String, file: String) throws(PresetFileError) {
        let document: TOMLDocument
        do {
            document = try TOMLSubset.parse(text, file: file)
        } catch {
            throw PresetFileError(file: file, problems: [Self.presetError(error)])
        }
        var reader = PresetReader(document: document)
        self = try reader.read(fallbackName: Self.fileStem(file))
    }

    /// Reads the preset file at `path`: a regular file (symbolic links are followed) of at most
    /// `PresetSchema.fileSizeLimit` bytes of UTF-8 text.
    public static func load(path: String) throws(PresetFileError) -> Preset {
        let data: Data
        do {
            data = try PresetFileSystem.readRegularFile(path, limit: PresetSchema.fileSizeLimit)
        } catch {
            throw PresetFileError(file: path, problems: [error])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw PresetFileError(file: path, problems: [.notUTF8(path: path)])
        }
        return try Preset(toml: text, file: path)
    }

    /// The file name without its folder and without `.toml`.
    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".toml") ? String(name.dropLast(5)) : name
    }

    private static func presetError(_ error: TerminalUIError) -> PresetError {
        switch error {
        case let .tomlSyntax(file, line, message):
            return .syntax(file: file, line: line, message: message)
        case let .tomlValue(file, line, key, message):
            return .invalidValue(file: file, line: line, table: "", key: key, message: message)
        case let .unreadableFile(path, reason):
            return .unreadable(path: path, reason: reason)
        default:
            return .syntax(file: "", line: 0, message: error.description)
        }
    }
}
