import Foundation
import Imaging

/// The record of finished jobs: a JSON Lines file, one entry per line, oldest first.
///
/// JSON Lines rather than one JSON array: a damaged line (a hand edit, a disk error) spoils only
/// that line, which can be named by its number and skipped while the rest is kept, and the file
/// stays readable with `tail`, `grep` and `jq -c`.
///
/// Every append is a read-modify-write under an advisory `flock` on `<file>.lock`, so appends from
/// several processes (or threads) never interleave, and the new file replaces the old one
/// atomically (temporary file, fsync, rename, fsync of the folder): readers, who take no lock,
/// see the old file or the new one, never a mix. The file keeps the last `maxEntries` entries.
/// Malformed lines are reported with their line numbers, and before a rewrite drops them the
/// file is copied unchanged to `<file>.bad-<date>` (never overwriting an earlier copy).
public struct JobHistory: Sendable, Equatable {
    public let fileURL: URL
    public let maxEntries: Int

    public init(fileURL: URL, maxEntries: Int = 1000) {
        self.fileURL = fileURL
        self.maxEntries = max(maxEntries, 1)
    }

    /// `history.jsonl` in the user's data folder (see `DataFolder`).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                maxEntries: Int = 1000) throws -> JobHistory {
        JobHistory(fileURL: try DataFolder.url(environment: environment).appendingPathComponent("history.jsonl"),
                   maxEntries: maxEntries)
    }

    var lockURL: URL { URL(fileURLWithPath: fileURL.path + ".lock") }

    /// Reads the entries; unreadable lines are skipped and reported. A missing file is empty.
    public func load() throws -> HistoryContents {
        try Self.parse(try readBytes(), path: fileURL.path)
    }

    /// Adds `entry` at the end, keeping the last `maxEntries` entries.
    @discardableResult
    public func append(_ entry: HistoryEntry) throws -> HistoryAppendReport {
        try DataFolder.create(fileURL.deletingLastPathComponent())
        let line = try Self.encodeLine(entry, path: fileURL.path)
        return try FileLock.withExclusiveLock(on: lockURL) {
            let original = try readBytes()
            let contents = try Self.parse(original, path: fileURL.path)
            var backup: URL?
            if !contents.problems.isEmpty {
                backup = try AtomicFile.writeAtomicallyWithoutOverwrite(data: original, preferring: backupURL())
            }
            var lines = try contents.entries.map { try Self.encodeLine($0, path: fileURL.path) }
            lines.append(line)
            let trimmed = max(lines.count - maxEntries, 0)
            var data = Data()
            for kept in lines.dropFirst(trimmed) { data.append(kept) }
            try AtomicFile.writeAtomically(data: data, to: fileURL)
            return HistoryAppendReport(problems: contents.problems, backup: backup, trimmed: trimmed)
        }
    }

    private func readBytes() throws -> Data {
        do {
            return try Data(contentsOf: fileURL)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return Data()
        } catch {
            if !FileManager.default.fileExists(atPath: fileURL.path) { return Data() }
            throw JobsError.historyUnreadable(path: fileURL.path, reason: DataFolder.reason(error))
        }
    }

    private func backupURL() -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return URL(fileURLWithPath: fileURL.path + ".bad-" + formatter.string(from: Date()))
    }
}
