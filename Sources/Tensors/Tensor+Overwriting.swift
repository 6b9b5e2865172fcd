// Giving memory back early, for a result that took over part of its input's memory
// (`Tensor.overwritingView(shape:)`).
#if canImport(Glibc)
import Glibc
#endif

extension TensorStorage {
    /// Returns the whole pages after the first `count` values to the system: they stop counting
    /// towards the resident set and read as zero if touched again.
    public func releasePages(after count: Int) {
        #if canImport(Glibc)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: pointer + count) + page - 1) / page * page
        let end = Int(bitPattern: pointer + self.count) / page * page
        guard page > 0, end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(address, end - start, MADV_DONTNEED)
        #endif
    }
}
