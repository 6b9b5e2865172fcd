// A whole file mapped read-only into memory for as long as this object lives.

/// Immutable after `init`, so it may be shared across threads. Tensors borrowed from the mapping
/// keep this object (and so the mapping) alive. If another process truncates the file while it is
/// mapped, reading the lost pages raises SIGBUS: weights files must stay unchanged while in use.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    private let base: UnsafeRawPointer?
    public let size: Int

    public init(path: String) throws {
        self.path = path
        (base, size) = try POSIX.mapReadOnly(path: path)
    }

    /// The file's bytes; valid while this object is alive.
    public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        if let base { POSIX.unmap(base, size: size) }
    }
}
