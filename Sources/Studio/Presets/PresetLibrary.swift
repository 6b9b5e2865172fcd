// All presets: the bundled folder, then the user folder, whose presets replace bundled ones of
// the same name. A file with problems is reported (file, line, key) and left out; the others load.
import Foundation
import TerminalUI

public struct PresetLibrary: Sendable {
    /// The presets in picker order (by name, numbers compared by value).
    public private(set) var entries: [PresetEntry]
    /// Everything wrong with the files read, in folder and file order.
    public private(set) var problems: [PresetError]
    public let bundledFolder: URL?
    public let userFolder: URL?

    public init(entries: [PresetEntry] = [], problems: [PresetError] = [], bundledFolder: URL? = nil, userFolder: URL? = nil) {
        self.entries = entries.sorted(by: Self.pickerOrder)
        self.problems = problems
        self.bundledFolder = bundledFolder
        self.userFolder = userFolder
    }

    /// Reads `bundledFolder` and the user folder that `environment` names (see `PresetFolders`).
    public static func load(bundledFolder: URL?,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> PresetLibrary {
        load(bundledFolder: bundledFolder, userFolder: PresetFolders.user(environment: environment))
    }

    /// Reads both folders. A missing user folder is normal (nothing saved yet); a missing bundled
    /// folder is a problem.
    public static func load(bundledFolder: URL?, userFolder: URL?) -> PresetLibrary {
        var problems: [PresetError] = []
        var byKey: [String: PresetEntry] = [:]
        if let bundledFolder {
            for entry in readFolder(bundledFolder, origin: .bundled, missingIsProblem: true, problems: &problems) {
                byKey[entry.preset.key] = entry
            }
        }
        if let userFolder {
            for var entry in readFolder(userFolder, origin: .user, missingIsProblem: false, problems: &problems) {
                entry.overridesBundled = byKey[entry.preset.key]?.origin == .bundled
                byKey[entry.preset.key] = entry
            }
        }
        return PresetLibrary(entries: Array(byKey.values), problems: problems,
                             bundledFolder: bundledFolder, userFolder: userFolder)
    }

    public var presets: [Preset] { entries.map(\.preset) }

    /// The preset called `name`, ignoring case and surrounding spaces.
    public func preset(named name: String) -> Preset? {
        entry(named: name)?.preset
    }

    public func entry(named name: String) -> PresetEntry? {
        let key = Preset.key(for: name)
        return entries.first { $0.preset.key == key }
    }

    /// One line per preset, in `entries` order, for `FuzzyPickerState(items:)`: the name, and the
    /// description after " — " when there is one; made safe for the terminal.
    public var pickerItems: [String] {
        entries.map { entry in
            let preset = entry.preset
            let text = preset.description.map { $0.isEmpty ? preset.name : "\(preset.name) — \($0)" } ?? preset.name
            return TerminalText.sanitized(text)
        }
    }

    /// The presets of one folder, each name once (the first file by name wins; later ones are
    /// reported). Only `*.toml` files not starting with "." are read, at most
    /// `PresetSchema.filesPerFolderLimit` of them.
    static func readFolder(_ folder: URL, origin: PresetOrigin, missingIsProblem: Bool,
                           problems: inout [PresetError]) -> [PresetEntry] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory)
            if exists || missingIsProblem {
                problems.append(.unreadable(path: folder.path, reason: exists && !isDirectory.boolValue
                    ? "not a folder" : Self.reason(error)))
            }
            return []
        }
        var files = names.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        if files.count > PresetSchema.filesPerFolderLimit {
            problems.append(.tooManyFiles(folder: folder.path, limit: PresetSchema.filesPerFolderLimit))
            files = Array(files.prefix(PresetSchema.filesPerFolderLimit))
        }
        var entries: [PresetEntry] = []
        var fileByKey: [String: String] = [:]
        for name in files {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            do {
                let preset = try Preset.load(path: url.path)
                if let kept = fileByKey[preset.key] {
                    problems.append(.duplicateName(file: url.path, name: preset.name, keptFile: kept))
                    continue
                }
                fileByKey[preset.key] = url.path
                entries.append(PresetEntry(preset: preset, origin: origin, file: url))
            } catch {
                problems += error.problems
            }
        }
        return entries
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return error.localizedDescription
    }

    /// By name, ignoring case and surrounding spaces, with digit runs compared as numbers ("640x1536" before "1024x1024");
    /// ties by exact name, then by origin.
    static func pickerOrder(_ a: PresetEntry, _ b: PresetEntry) -> Bool {
        let left = a.preset.name.trimmingCharacters(in: .whitespaces)
        let right = b.preset.name.trimmingCharacters(in: .whitespaces)
        let order = left.compare(right, options: [.caseInsensitive, .numeric])
        if order != .orderedSame { return order == .orderedAscending }
        if a.preset.name != b.preset.name { return a.preset.name < b.preset.name }
        return a.origin.rawValue < b.origin.rawValue
    }

    /// Replaces the entry with the same key as `entry`, or adds it.
    mutating func insert(_ entry: PresetEntry) {
        entries.removeAll { $0.preset.key == entry.preset.key }
        entries.append(entry)
        entries.sort(by: Self.pickerOrder)
    }
}
