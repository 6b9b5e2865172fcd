import Foundation

/// The process's memory as Linux reports it in /proc/self/status.
enum ProcessMemory {
    /// Peak resident set size (VmHWM) in bytes, or nil where /proc is unavailable.
    static var peakResidentBytes: Int? { statusField("VmHWM") }

    static var peakResidentDescription: String {
        guard let bytes = peakResidentBytes else { return "unknown" }
        return String(format: "%.2f GiB", Double(bytes) / Double(1 << 30))
    }

    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}
