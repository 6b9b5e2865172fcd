// Character classes of the CLIP split pattern `[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+` and of `\s+`,
// as the Oniguruma engine inside `tokenizers` 0.23 evaluates them.

/// How the CLIP split pattern sees one Unicode scalar.
enum ScalarClass: UInt8, Sendable {
    case letter
    case number
    case whitespace
    case other

    /// The Unicode version of the reference engine's property tables. Scalars assigned later are
    /// unassigned there (neither letter nor number), whatever the Swift runtime's tables say.
    static let referenceUnicodeVersion: Unicode.Version = (major: 16, minor: 0)

    private static let asciiTable: [ScalarClass] = (0..<128).map { classify(Unicode.Scalar(UInt8($0))) }

    init(_ scalar: Unicode.Scalar) {
        self = scalar.value < 128 ? Self.asciiTable[Int(scalar.value)] : Self.classify(scalar)
    }

    private static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        let properties = scalar.properties
        // `\s` with Unicode semantics is the White_Space property.
        if properties.isWhitespace { return .whitespace }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return isAssignedInReference(properties) ? .letter : .other
        case .decimalNumber, .letterNumber, .otherNumber:
            return isAssignedInReference(properties) ? .number : .other
        default:
            return .other
        }
    }

    private static func isAssignedInReference(_ properties: Unicode.Scalar.Properties) -> Bool {
        guard let age = properties.age else { return false }
        let reference = referenceUnicodeVersion
        return age.major < reference.major || (age.major == reference.major && age.minor <= reference.minor)
    }
}
