// Giving memory back to the system early: the tail of a buffer whose result took over part of it
// (`Tensor.overwritingView(shape:)`), or the pages of weights left in a file mapping.
#if canImport(Glibc)
import Glibc
#endif

public enum MemoryPages {
    /// Drops the whole pages inside `bytes` from the process's resident set. Ordinary memory reads
    /// as zero if touched again; a file mapping's pages are read from the file again.
    public static func release(_ bytes: UnsafeRawBufferPointer) {
        #if canImport(Glibc)
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return }
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + bytes.count) / page * page
        guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(address, end - start, MADV_DONTNEED)
        #endif
    }
}

extension TensorStorage {
    /// Returns the whole pages after the first `count` values to the system.
    public func releasePages(after count: Int) {
        guard count < self.count else { return }
        MemoryPages.release(UnsafeRawBufferPointer(start: pointer + count,
                                                   count: (self.count - count) * MemoryLayout<Float>.stride))
    }
}
