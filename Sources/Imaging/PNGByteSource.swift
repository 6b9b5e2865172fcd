#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes the chunk walk reads from: a file in memory or an open file read by position.
protocol PNGByteSource {
    var count: Int { get }
    /// `length` bytes from `offset`; the caller keeps the range within `count`.
    func bytes(at offset: Int, length: Int) throws -> [UInt8]
}

struct MemoryByteSource: PNGByteSource {
    let buffer: UnsafeRawBufferPointer
    var count: Int { buffer.count }

    func bytes(at offset: Int, length: Int) throws -> [UInt8] {
        Array(buffer[offset..<(offset + length)])
    }
}

/// An open regular file, read with `pread` so that skipped chunks are never read.
final class FileByteSource: PNGByteSource {
    let path: String
    let count: Int
    private let descriptor: Int32

    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ImagingError.cannotOpen(path: path, reason: SystemError.message(errno))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = SystemError.message(errno)
            close(descriptor)
            throw ImagingError.cannotOpen(path: path, reason: reason)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw ImagingError.cannotOpen(path: path, reason: "not a regular file")
        }
        self.path = path
        self.count = Int(status.st_size)
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    func bytes(at offset: Int, length: Int) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: length)
        var done = 0
        try result.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while done < length {
                let got = pread(descriptor, base + done, length - done, off_t(offset + done))
                if got < 0 {
                    if errno == EINTR { continue }
                    throw ImagingError.readFailed(path: path, reason: SystemError.message(errno))
                }
                if got == 0 {
                    throw ImagingError.readFailed(path: path, reason: "the file shrank while it was being read")
                }
                done += got
            }
        }
        return result
    }

    /// The whole file, refused when larger than `maxBytes`.
    func readAll(maxBytes: Int) throws -> [UInt8] {
        guard count <= maxBytes else {
            throw ImagingError.fileTooLarge(path: path, bytes: count, limit: maxBytes)
        }
        return count == 0 ? [] : try bytes(at: 0, length: count)
    }
}

enum SystemError {
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
