import Foundation

/// The process's memory as Linux reports it in /proc/self/status, and the machine's.
public enum ProcessMemory {
    /// Resident set size now (VmRSS) in bytes, or nil where /proc is unavailable.
    public static var residentBytes: Int? { statusField("VmRSS") }

    /// Peak resident set size (VmHWM) in bytes, or nil where /proc is unavailable.
    public static var peakResidentBytes: Int? { statusField("VmHWM") }

    /// Starts a new peak: VmHWM drops to the resident set now (Linux 4.0 and later; elsewhere
    /// the peak stays that of the whole run).
    public static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// Memory the kernel could give without swapping (MemAvailable in /proc/meminfo), or nil.
    public static var availableBytes: Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        return field("MemAvailable", in: text)
    }

    /// The machine's physical memory in bytes.
    public static var physicalBytes: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory) }

    public static var peakResidentDescription: String {
        guard let bytes = peakResidentBytes else { return "unknown" }
        return gibibytes(bytes)
    }

    /// "12.34 GiB".
    public static func gibibytes(_ bytes: Int) -> String {
        String(format: "%.2f GiB", Double(bytes) / Double(1 << 30))
    }

    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return field(name, in: text)
    }

    /// A "Name:   1234 kB" line's value in bytes.
    private static func field(_ name: String, in text: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}
