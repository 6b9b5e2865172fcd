import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory exclusive lock (`flock`) on a lock file, held while `body` runs. `flock` locks
/// belong to an open file description, so two processes, or two threads that each open the
/// file, exclude each other; the lock goes away with the descriptor, even if the process dies.
enum FileLock {
    static func withExclusiveLock<T>(on lockURL: URL, _ body: () throws -> T) throws -> T {
        let path = lockURL.path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw JobsError.historyLockFailed(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            let code = errno
            if code == EINTR { continue }
            throw JobsError.historyLockFailed(path: path, reason: String(cString: strerror(code)))
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
