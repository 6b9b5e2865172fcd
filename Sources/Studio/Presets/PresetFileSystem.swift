// The file operations presets need beyond Foundation and Imaging.AtomicFile: reading a file
// only when it is a regular file of bounded size (never blocking on a pipe or device, never
// looping on symbolic links), and an advisory lock that serialises saves between processes.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum PresetFileSystem {
    /// The contents of the regular file at `path`, refused when larger than `limit` bytes.
    static func readRegularFile(_ path: String, limit: Int) throws(PresetError) -> Data {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked right after.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: reason(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path: path, reason: reason(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile(path: path) }
        guard info.st_size <= limit else { throw .fileTooLarge(path: path, bytes: Int(info.st_size), limit: limit) }

        // The file may grow between fstat and read: read at most one byte more than allowed.
        var buffer = [UInt8](repeating: 0, count: limit + 1)
        var total = 0
        while total < buffer.count {
            let count = buffer.withUnsafeMutableBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return read(descriptor, base + total, bytes.count - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: reason(errno))
            }
            if count == 0 { break }
            total += count
        }
        guard total <= limit else { throw .fileTooLarge(path: path, bytes: total, limit: limit) }
        return Data(buffer[0..<total])
    }

    /// Runs `body` holding an exclusive `flock` on the file at `lockPath` (created when missing).
    /// The lock belongs to the open file, so it ends with the process at the latest.
    static func withExclusiveLock<T>(on lockPath: String, _ body: () throws(PresetError) -> T) throws(PresetError) -> T {
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw .writeFailed(path: lockPath, reason: "cannot open the lock file: " + reason(errno)) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            let code = errno
            if code == EINTR { continue }
            throw .writeFailed(path: lockPath, reason: "cannot lock: " + reason(code))
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    private static func reason(_ code: Int32) -> String {
        if code == ELOOP { return "too many levels of symbolic links" }
        return String(cString: strerror(code))
    }
}
