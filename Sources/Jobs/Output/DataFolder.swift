import Foundation

/// The user's data folder for sdxl, after the XDG Base Directory rules: `$XDG_DATA_HOME/sdxl`
/// when that variable holds an absolute path, else `~/.local/share/sdxl`.
public enum DataFolder {
    public static func url(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return URL(fileURLWithPath: data, isDirectory: true).appendingPathComponent("sdxl", isDirectory: true)
        }
        // The specification says a relative XDG_DATA_HOME is invalid and must be ignored.
        guard let home = environment["HOME"], home.hasPrefix("/") else { throw JobsError.noHomeFolder }
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/sdxl", isDirectory: true)
    }

    /// Creates `url` and any missing parents.
    static func create(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw JobsError.cannotCreateFolder(path: url.path, reason: Self.reason(error))
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return error.localizedDescription
    }
}
