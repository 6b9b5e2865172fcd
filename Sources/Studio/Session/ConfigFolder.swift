import Foundation

/// The user's configuration folder for sdxl, after the XDG Base Directory rules:
/// `$XDG_CONFIG_HOME/sdxl` when that variable holds an absolute path, else `~/.config/sdxl`.
public enum ConfigFolder {
    public static func url(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return URL(fileURLWithPath: config, isDirectory: true).appendingPathComponent("sdxl", isDirectory: true)
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config/sdxl", isDirectory: true)
    }
}
