// The module's only contact with the C library: memory mapping, durable writes and path
// resolution, each wrapped so that failures come back as `SafeTensorsError` with the errno text.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum POSIX {
    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    // MARK: Reading

    /// Maps a regular file read-only. Returns a nil base for an empty file (which cannot be mapped).
    static func mapReadOnly(path: String) throws -> (base: UnsafeRawPointer?, size: Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SafeTensorsError.cannotOpen(path: path, reason: errorText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw SafeTensorsError.cannotOpen(path: path, reason: errorText())
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SafeTensorsError.cannotOpen(path: path, reason: "not a regular file")
        }
        let size = Int(info.st_size)
        guard size > 0 else { return (nil, 0) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw SafeTensorsError.cannotOpen(path: path, reason: "mmap failed: \(errorText())")
        }
        return (UnsafeRawPointer(base), size)
    }

    static func unmap(_ base: UnsafeRawPointer, size: Int) {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
    }

    /// Whether `path` names a regular file, following symbolic links.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The absolute path with every symbolic link, `.` and `..` resolved; nil if it does not exist.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: Writing

    static func processID() -> Int32 { getpid() }

    /// Creates a new file for writing; fails if it already exists.
    static func createExclusive(path: String) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SafeTensorsError.cannotWrite(path: path, reason: errorText()) }
        return fd
    }

    static func writeAll(fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard var cursor = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(fd, cursor, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw SafeTensorsError.cannotWrite(path: path, reason: errorText())
            }
            cursor += written
            remaining -= written
        }
    }

    static func sync(fd: Int32, path: String) throws {
        guard fsync(fd) == 0 else {
            throw SafeTensorsError.cannotWrite(path: path, reason: "fsync: \(errorText())")
        }
    }

    static func closeFile(fd: Int32, path: String) throws {
        guard close(fd) == 0 else {
            throw SafeTensorsError.cannotWrite(path: path, reason: "close: \(errorText())")
        }
    }

    static func renameItem(from source: String, to destination: String) throws {
        guard rename(source, destination) == 0 else {
            throw SafeTensorsError.cannotWrite(path: destination, reason: "rename: \(errorText())")
        }
    }

    /// Flushes a folder's entries (a rename inside it) to disk.
    static func syncDirectory(path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SafeTensorsError.cannotWrite(path: path, reason: errorText()) }
        defer { close(fd) }
        try sync(fd: fd, path: path)
    }

    static func removeFile(_ path: String) {
        unlink(path)
    }
}
