import Foundation
import Imaging
import StableDiffusionXL

/// What the TUI restores on its next start: the settings, the prompts being edited, the theme,
/// and the prompt history. Saved atomically after every job submitted and on quit, so a crash
/// or a killed terminal loses at most the typing since the last job.
public struct StudioSession: Codable, Sendable, Equatable {
    public var parameters: GenerationParameters?
    public var prompts = StudioPrompts()
    public var theme: String?
    public var sizeMode: StudioSettings.SizeMode?
    public var seedMode: StudioSettings.SeedMode?
    public var preview: StudioSettings.PreviewChoice?
    public var previewInterval: Int?
    public var promptHistory: [String] = []

    /// History entries kept, newest last.
    public static let historyLimit = 200
    /// A session file larger than this is not read (it is not one of ours).
    public static let maximumFileSize = 4 << 20

    public init() {}

    enum CodingKeys: String, CodingKey {
        case parameters, prompts, theme
        case sizeMode = "size_mode", seedMode = "seed_mode", preview, previewInterval = "preview_interval"
        case promptHistory = "prompt_history"
    }

    /// The file: `tui-session.json` in the configuration folder.
    public static func defaultURL() -> URL? {
        ConfigFolder.url()?.appendingPathComponent("tui-session.json")
    }

    /// Reads the session at `url`. A missing file is a fresh start; a damaged one is reported in
    /// `problem` and set aside as `…json.damaged`, so the next save does not lose it silently.
    public static func load(from url: URL) -> (session: StudioSession, problem: String?) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return (StudioSession(), nil) }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        do {
            guard size <= maximumFileSize else { throw CocoaError(.fileReadTooLarge) }
            let data = try Data(contentsOf: url)
            var session = try JSONDecoder().decode(StudioSession.self, from: data)
            session.promptHistory = Array(session.promptHistory.suffix(historyLimit))
            return (session, nil)
        } catch {
            let aside = url.appendingPathExtension("damaged")
            try? FileManager.default.removeItem(at: aside)
            try? FileManager.default.moveItem(at: url, to: aside)
            return (StudioSession(), "\(url.path) could not be read (\(error.localizedDescription)); it was moved to \(aside.lastPathComponent) and the TUI starts fresh")
        }
    }

    /// Writes the session atomically (temporary file, fsync, rename, fsync of the folder).
    public func save(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.writeAtomically(data: try encoder.encode(self), to: url)
    }
}
