// The few system calls the tests need, in one place.
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// An identifier of the calling thread (its pthread).
func currentThreadID() -> UInt {
    UInt(bitPattern: Int(bitPattern: pthread_self()))
}

/// Resident memory of this process in bytes, from /proc/self/statm, after asking glibc to give
/// back the free memory it keeps in its per-thread arenas (`malloc_trim`), so that what remains
/// is memory in use rather than the allocator's cache.
func residentBytes() throws -> Int {
    trimMallocArenas()
    let text = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
    let fields = text.split(separator: " ")
    let pages = try #require(fields.count > 1 ? Int(fields[1]) : nil)
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// `malloc_trim(0)`, looked up at run time (malloc.h is not part of the Glibc module).
func trimMallocArenas() {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
    typealias Trim = @convention(c) (Int) -> Int32
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
}
