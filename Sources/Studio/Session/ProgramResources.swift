import Foundation

/// Finds the files that ship with the program: `Themes/`, `Presets/` and the bundled demo model
/// `DemoModel/`.
///
/// Looked for, in order: `$SDXL_RESOURCES` (a folder holding them); the checkout the executable
/// was built in (a parent of `.build/release/sdxl` holding `Package.swift`); `../share/sdxl`
/// beside the executable's folder; `/usr/local/share/sdxl`; `/usr/share/sdxl`.
public struct ProgramResources: Sendable, Equatable {
    public let root: URL

    public var themes: URL { root.appendingPathComponent("Themes", isDirectory: true) }
    public var presets: URL { root.appendingPathComponent("Presets", isDirectory: true) }
    public var demoModel: URL { root.appendingPathComponent("DemoModel/base", isDirectory: true) }
    public var demoRefiner: URL { root.appendingPathComponent("DemoModel/refiner", isDirectory: true) }

    public init(root: URL) {
        self.root = root
    }

    /// The first candidate folder that holds `Themes/`, or nil when none does.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: URL = URL(fileURLWithPath: CommandLine.arguments.first ?? "")) -> ProgramResources? {
        candidates(environment: environment, executable: executable).lazy
            .map(ProgramResources.init(root:))
            .first { FileManager.default.fileExists(atPath: $0.themes.path) }
    }

    static func candidates(environment: [String: String], executable: URL) -> [URL] {
        var folders: [URL] = []
        if let given = environment["SDXL_RESOURCES"], given.hasPrefix("/") {
            folders.append(URL(fileURLWithPath: given, isDirectory: true))
        }
        let binary = Self.executablePath() ?? executable.resolvingSymlinksInPath()
        var folder = binary.deletingLastPathComponent()
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                folders.append(folder)
                break
            }
            folder = folder.deletingLastPathComponent()
        }
        folders.append(binary.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/sdxl", isDirectory: true))
        folders.append(URL(fileURLWithPath: "/usr/local/share/sdxl", isDirectory: true))
        folders.append(URL(fileURLWithPath: "/usr/share/sdxl", isDirectory: true))
        return folders
    }

    /// The running executable's real path (Linux `/proc/self/exe`).
    static func executablePath() -> URL? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return URL(fileURLWithPath: path)
    }
}
