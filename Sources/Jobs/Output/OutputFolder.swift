import Foundation
import Imaging

/// Where finished images go. Names never collide and nothing is overwritten: each image is
/// written atomically under the first free name of `stem.png`, `stem-1.png`, … even when another
/// process writes into the same folder at the same moment.
public struct OutputFolder: Sendable, Equatable {
    public let url: URL
    /// Whether file stems are used as given (a name a person typed, as `sdxl generate --output`
    /// takes it) rather than reduced to safe ASCII (stems made from prompts). Either way a stem
    /// never reaches outside the folder.
    public let keepsNamesAsGiven: Bool

    public init(url: URL, keepsNamesAsGiven: Bool = false) {
        self.url = url
        self.keepsNamesAsGiven = keepsNamesAsGiven
    }

    /// `outputs` in the user's data folder (see `DataFolder`).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> OutputFolder {
        OutputFolder(url: try DataFolder.url(environment: environment).appendingPathComponent("outputs", isDirectory: true))
    }

    /// Writes `image` as `stem[-label].png` (or the first free numbered name) and returns the file.
    public func write(_ image: JobImage, stem: String) throws -> URL {
        try DataFolder.create(url)
        var name = namePart(stem)
        if let label = image.label, !label.isEmpty { name += "-" + namePart(label) }
        return try PNGFile.write(image.image, text: image.text, to: url.appendingPathComponent(name + ".png"),
                                 existing: .keep)
    }

    /// The default stem of a job's files: local date and time, then the job number
    /// (`20250114-093012-job3`).
    public static func defaultStem(for id: JobID, at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date) + "-job\(id.number)"
    }

    /// `text` as this folder uses it in a file name: as given but without path separators (and
    /// not empty, nor a leading dot) when names are kept, else `safeNamePart`.
    func namePart(_ text: String) -> String {
        guard keepsNamesAsGiven else { return Self.safeNamePart(text, fallback: "image") }
        var name = text.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\0", with: "_")
        while name.hasPrefix(".") { name.removeFirst() }
        return name.isEmpty ? "image" : name
    }

    /// `text` made safe as part of a file name: ASCII letters, digits, `-`, `_`, `.` and `+` stay,
    /// anything else becomes `_`; no leading dot; at most 100 characters.
    static func safeNamePart(_ text: String, fallback: String) -> String {
        var safe = String(text.unicodeScalars.prefix(100).map { scalar -> Character in
            let ascii = scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                                          || ("0"..."9").contains(scalar) || "-_.+".unicodeScalars.contains(scalar))
            return ascii ? Character(scalar) : "_"
        })
        while safe.hasPrefix(".") { safe.removeFirst() }
        return safe.isEmpty ? fallback : safe
    }
}
