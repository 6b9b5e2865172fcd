// File names for saved presets, made from the preset's name so that no name can escape the
// folder, hide the file, or carry control characters.

enum PresetFileName {
    /// The longest stem, in characters.
    static let stemLimit = 64
    /// The stem when the name has no letters or digits at all.
    static let fallbackStem = "preset"

    /// `name` lower-cased, with runs of anything but letters and digits turned into one "-",
    /// no "-" at either end, at most `stemLimit` characters; then ".toml". Letters and digits
    /// of any script are kept; dots, slashes, controls and everything else are not.
    static func fileName(for name: String) -> String {
        var stem = ""
        var pendingDash = false
        for character in name.lowercased() {
            if isKept(character) {
                if pendingDash, !stem.isEmpty { stem.append("-") }
                pendingDash = false
                guard stem.count < stemLimit else { break }
                stem.append(character)
            } else {
                pendingDash = true
            }
        }
        while stem.count > stemLimit || stem.hasSuffix("-") { stem.removeLast() }
        return (stem.isEmpty ? fallbackStem : stem) + ".toml"
    }

    /// Letters and digits made only of letter, mark and number scalars (no controls or
    /// format characters riding on a cluster).
    private static func isKept(_ character: Character) -> Bool {
        guard character.isLetter || character.isNumber else { return false }
        return character.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
                return true
            default:
                return false
            }
        }
    }
}
