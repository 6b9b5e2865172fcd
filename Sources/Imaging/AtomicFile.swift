import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to do when the destination file already exists.
public enum ExistingFilePolicy: Sendable, Equatable {
    /// Replace it (atomically).
    case replace
    /// Keep it and write to the first free numbered name instead: `name-1.ext`, `name-2.ext`, …
    case keep
}

/// Atomic file writes: the data goes to a temporary file in the destination folder, is flushed to
/// disk, and then takes the destination name in one step, after which the folder is flushed too.
/// A reader (or a crash) sees either no file / the old file, or the whole new one.
public enum AtomicFile {
    /// Writes `data` to `url`, replacing any existing file.
    public static func writeAtomically(data: some ContiguousBytes, to url: URL) throws {
        let destination = url.path
        let temporary = try writeTemporaryFile(data, beside: destination)
        guard rename(temporary, destination) == 0 else {
            let reason = SystemError.message(errno)
            unlink(temporary)
            throw ImagingError.writeFailed(path: destination, operation: "rename", reason: reason)
        }
        try syncFolder(of: destination)
    }

    /// Writes `data` to `url`, or when a file of that name exists, to the first free name among
    /// `name-1.ext`, `name-2.ext`, … Never replaces a file, even one created at the same moment by
    /// another process: the name is claimed with `link` (or `O_EXCL` where links are unsupported).
    /// Returns the URL written.
    public static func writeAtomicallyWithoutOverwrite(data: some ContiguousBytes, preferring url: URL,
                                                       maxAttempts: Int = 10_000) throws -> URL {
        let destination = url.path
        let temporary = try writeTemporaryFile(data, beside: destination)
        defer { unlink(temporary) }
        var linksUnsupported = false
        for attempt in 0..<max(maxAttempts, 1) {
            let candidate = numberedURL(url, number: attempt)
            let path = candidate.path
            if !linksUnsupported {
                if link(temporary, path) == 0 {
                    try syncFolder(of: path)
                    return candidate
                }
                let code = errno
                if code == EEXIST { continue }
                guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == ENOSYS || code == EMLINK else {
                    throw ImagingError.writeFailed(path: path, operation: "link", reason: SystemError.message(code))
                }
                linksUnsupported = true
            }
            // Claim the name with an empty placeholder, then move the data over it.
            let placeholder = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if placeholder < 0 {
                let code = errno
                if code == EEXIST { continue }
                throw ImagingError.writeFailed(path: path, operation: "create", reason: SystemError.message(code))
            }
            close(placeholder)
            guard rename(temporary, path) == 0 else {
                let reason = SystemError.message(errno)
                unlink(path)
                throw ImagingError.writeFailed(path: path, operation: "rename", reason: reason)
            }
            try syncFolder(of: path)
            return candidate
        }
        throw ImagingError.noFreeFileName(path: destination, attempts: max(maxAttempts, 1))
    }

    /// `url` itself for 0, else the name with `-number` before the extension
    /// (`image.png` → `image-3.png`, `notes` → `notes-3`, `.hidden` → `.hidden-3`).
    public static func numberedURL(_ url: URL, number: Int) -> URL {
        guard number > 0 else { return url }
        let name = url.lastPathComponent
        let folder = url.deletingLastPathComponent()
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let stem = name[..<dot]
            let suffix = name[dot...]
            return folder.appendingPathComponent("\(stem)-\(number)\(suffix)")
        }
        return folder.appendingPathComponent("\(name)-\(number)")
    }

    /// Creates a uniquely named hidden file next to `destination`, writes and flushes `data`,
    /// and returns its path.
    private static func writeTemporaryFile(_ data: some ContiguousBytes, beside destination: String) throws -> String {
        let folder = folderPath(of: destination)
        let name = destination.split(separator: "/").last.map(String.init) ?? "file"
        var descriptor: Int32 = -1
        var temporary = ""
        for _ in 0..<100 {
            let tag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporary = folder + "/." + name + "." + tag + ".tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else {
            throw ImagingError.writeFailed(path: destination, operation: "create a temporary file",
                                           reason: SystemError.message(errno))
        }
        do {
            try data.withUnsafeBytes { bytes in
                var written = 0
                while written < bytes.count {
                    guard let base = bytes.baseAddress else { break }
                    let result = write(descriptor, base + written, bytes.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        throw ImagingError.writeFailed(path: destination, operation: "write", reason: SystemError.message(errno))
                    }
                    written += result
                }
            }
            guard fsync(descriptor) == 0 else {
                throw ImagingError.writeFailed(path: destination, operation: "fsync", reason: SystemError.message(errno))
            }
            guard close(descriptor) == 0 else {
                descriptor = -1
                throw ImagingError.writeFailed(path: destination, operation: "close", reason: SystemError.message(errno))
            }
            return temporary
        } catch {
            if descriptor >= 0 { close(descriptor) }
            unlink(temporary)
            throw error
        }
    }

    /// Flushes the folder holding `path`, so that the new name survives a crash.
    private static func syncFolder(of path: String) throws {
        let folder = folderPath(of: path)
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ImagingError.writeFailed(path: path, operation: "open the folder", reason: SystemError.message(errno))
        }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 && errno != EINVAL {
            throw ImagingError.writeFailed(path: path, operation: "fsync the folder", reason: SystemError.message(errno))
        }
    }

    private static func folderPath(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
