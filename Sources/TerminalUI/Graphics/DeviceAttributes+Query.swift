// Asking the terminal on a file descriptor for its device attributes, with a time limit.

#if canImport(Glibc)
import Glibc
#endif

extension DeviceAttributes {
    /// Sends DA1 on `descriptor` (a terminal), reads until a complete reply or `timeoutMilliseconds`
    /// pass, and returns the parsed reply (nil on timeout, when `descriptor` is not a terminal, or
    /// for a garbled reply). The terminal is switched to non-canonical, no-echo input for the
    /// duration and restored after. Call it before the screen library takes the terminal over:
    /// keys typed meanwhile are consumed.
    public static func query(descriptor: Int32, timeoutMilliseconds: Int = 300) -> DeviceAttributes? {
        guard isatty(descriptor) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(descriptor, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &quiet.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(descriptor, TCSANOW, &quiet) == 0 else { return nil }
        defer { _ = tcsetattr(descriptor, TCSANOW, &saved) }
        return exchange(descriptor: descriptor, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Writes the query and collects the reply; the descriptor's modes are the caller's business
    /// (a pseudo-terminal's controller side in tests, for example).
    static func exchange(descriptor: Int32, timeoutMilliseconds: Int) -> DeviceAttributes? {
        let written = query.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == query.count else { return nil }
        var received: [UInt8] = []
        var remaining = max(0, timeoutMilliseconds)
        var chunk = [UInt8](repeating: 0, count: 256)
        while remaining > 0 {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let started = monotonicMilliseconds()
            let ready = poll(&poller, 1, Int32(remaining))
            remaining -= max(1, monotonicMilliseconds() - started)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            received.append(contentsOf: chunk[0..<count])
            if let reply = parse(received) { return reply }
            if received.count > 4096 { break }
        }
        return parse(received)
    }

    private static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }
}
