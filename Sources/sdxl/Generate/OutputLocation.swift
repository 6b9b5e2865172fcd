import Foundation

/// Where generated images go.
enum OutputLocation {
    /// `--output` when given, else `$XDG_DATA_HOME/sdxl/outputs` (or ~/.local/share/sdxl/outputs)
    /// with a name from the time and seed. The folder is created when missing.
    static func resolve(_ output: String?, seed: UInt64) throws -> URL {
        if let output {
            let url = URL(fileURLWithPath: (output as NSString).expandingTildeInPath)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return url.pathExtension.lowercased() == "png" ? url : url.appendingPathExtension("png")
        }
        let folder = defaultFolder(ProcessInfo.processInfo.environment)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return folder.appendingPathComponent("\(formatter.string(from: Date()))-\(seed).png")
    }

    static func defaultFolder(_ environment: [String: String]) -> URL {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return URL(fileURLWithPath: data).appendingPathComponent("sdxl/outputs")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/sdxl/outputs")
    }

    /// `name.png` → `name-base.png` beside it.
    static func sibling(of url: URL, suffix: String) -> URL {
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(stem)\(suffix).png")
    }
}
