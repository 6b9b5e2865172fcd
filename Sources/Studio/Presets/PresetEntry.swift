// One preset in the library, with where it came from.
import Foundation

/// Where a preset was read from.
public enum PresetOrigin: String, Hashable, Sendable {
    /// Shipped with the program (`Presets/*.toml`).
    case bundled
    /// The user's preset folder (see `PresetFolders.user`).
    case user
}

public struct PresetEntry: Hashable, Sendable {
    public var preset: Preset
    public var origin: PresetOrigin
    public var file: URL
    /// A user preset that replaces a bundled preset of the same name.
    public var overridesBundled: Bool

    public init(preset: Preset, origin: PresetOrigin, file: URL, overridesBundled: Bool = false) {
        self.preset = preset
        self.origin = origin
        self.file = file
        self.overridesBundled = overridesBundled
    }
}
