// Where user presets live, after the XDG Base Directory rules (as Jobs' DataFolder does for data):
// `$XDG_CONFIG_HOME/sdxl/presets` when that variable holds an absolute path, else
// `~/.config/sdxl/presets`.
import Foundation

public enum PresetFolders {
    /// The user preset folder, or nil when neither XDG_CONFIG_HOME nor HOME is an absolute path.
    /// A relative XDG_CONFIG_HOME is invalid by the specification and ignored.
    public static func user(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return URL(fileURLWithPath: config, isDirectory: true)
                .appendingPathComponent("sdxl", isDirectory: true)
                .appendingPathComponent("presets", isDirectory: true)
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".config/sdxl/presets", isDirectory: true)
    }
}
