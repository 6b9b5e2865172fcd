// Saving a preset into the user folder. The file is written atomically (temporary file, fsync,
// rename, fsync of the folder: Imaging.AtomicFile), and an advisory lock on the folder's
// `.lock` file makes concurrent saves from several processes take turns, so the choice of file
// name is deterministic and no file is ever half written or lost.
import Foundation
import Imaging

extension PresetLibrary {
    /// The lock file in the user folder (hidden, and not a `*.toml` file, so never read as a preset).
    static let lockFileName = ".lock"

    /// Writes `preset` to the user folder and puts it in the library (replacing a preset of the
    /// same name). The file is the one already holding a preset of that name, else a new one
    /// named after the preset (`PresetFileName`), numbered `-1`, `-2`, … when taken.
    /// Returns the file written.
    @discardableResult
    public mutating func save(_ preset: Preset) throws(PresetError) -> URL {
        guard let folder = userFolder else { throw .noUserFolder }
        if let reason = PresetText.problem(in: preset.name, as: .name) {
            throw .invalidName(name: PresetText.shown(preset.name), reason: reason)
        }
        let text = preset.tomlText
        // Whatever is saved must load again: check the text with the reader first.
        do {
            _ = try Preset(toml: text, file: PresetFileName.fileName(for: preset.name))
        } catch {
            throw .unsavable(name: PresetText.shown(preset.name), problems: error.problems)
        }
        let data = Data(text.utf8)
        guard data.count <= PresetSchema.fileSizeLimit else {
            throw .unsavable(name: PresetText.shown(preset.name),
                             problems: [.fileTooLarge(path: PresetFileName.fileName(for: preset.name), bytes: data.count,
                                                      limit: PresetSchema.fileSizeLimit)])
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(path: folder.path, reason: Self.reason(error))
        }
        let lockPath = folder.appendingPathComponent(Self.lockFileName).path
        let written = try PresetFileSystem.withExclusiveLock(on: lockPath) { () throws(PresetError) -> URL in
            try Self.write(data, for: preset, in: folder)
        }
        let overrides = entries.first { $0.preset.key == preset.key }
            .map { $0.origin == .bundled || $0.overridesBundled } ?? false
        insert(PresetEntry(preset: preset, origin: .user, file: written, overridesBundled: overrides))
        return written
    }

    /// Under the folder lock: replace the file of the same preset, or claim a new name.
    private static func write(_ data: Data, for preset: Preset, in folder: URL) throws(PresetError) -> URL {
        var ignored: [PresetError] = []
        let existing = readFolder(folder, origin: .user, missingIsProblem: true, problems: &ignored)
        var target = folder.appendingPathComponent(PresetFileName.fileName(for: preset.name), isDirectory: false)
        do {
            if let same = existing.first(where: { $0.preset.key == preset.key }) {
                target = same.file
                try AtomicFile.writeAtomically(data: data, to: same.file)
                return same.file
            }
            return try AtomicFile.writeAtomicallyWithoutOverwrite(data: data, preferring: target)
        } catch {
            throw .writeFailed(path: target.path, reason: String(describing: error))
        }
    }
}
