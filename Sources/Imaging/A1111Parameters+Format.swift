extension A1111Parameters {
    /// The text as the web UI writes it: the prompt, a "Negative prompt: " line when there is a
    /// negative prompt, and the fields joined by ", " on the last line, the whole trimmed of
    /// surrounding white space. A field whose value equals its key is written as the bare key.
    ///
    /// Values are quoted as JSON string literals when they hold ',', ':' or a line break (as the
    /// web UI does) and also when they start with '"' or have surrounding white space, so that
    /// `parse` gives them back unchanged. The first field must be "Steps", since that is how the
    /// fields line is recognised.
    public func formatted() throws -> String {
        if let first = fields.first, first.key != "Steps" {
            throw ImagingError.invalidParameterKey(key: first.key, reason: "the first field must be \"Steps\"")
        }
        var parts: [String] = []
        parts.reserveCapacity(fields.count)
        for field in fields {
            try Self.validate(key: field.key)
            parts.append(field.key == field.value ? field.key : field.key + ": " + Self.quotedIfNeeded(field.value))
        }
        var text = prompt
        if !negativePrompt.isEmpty {
            text += "\nNegative prompt: " + negativePrompt
        }
        text += "\n" + parts.joined(separator: ", ")
        return String(String.UnicodeScalarView(ParameterText.trimmed(Array(text.unicodeScalars))))
    }

    static func validate(key: String) throws {
        let scalars = Array(key.unicodeScalars)
        guard !scalars.isEmpty else {
            throw ImagingError.invalidParameterKey(key: key, reason: "it is empty")
        }
        if let bad = scalars.first(where: { $0 == "," || $0 == ":" || $0 == "\"" || $0.properties.isWhitespace && $0 != " " }) {
            throw ImagingError.invalidParameterKey(key: key, reason: "it contains \(bad.escaped(asASCII: true))")
        }
        guard ParameterText.trimmed(scalars).count == scalars.count else {
            throw ImagingError.invalidParameterKey(key: key, reason: "it starts or ends with a space")
        }
    }

    static func quotedIfNeeded(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        let needsQuotes = scalars.contains { $0 == "," || $0 == ":" || $0 == "\n" || $0 == "\r" }
            || scalars.first == "\""
            || ParameterText.trimmed(scalars).count != scalars.count
        return needsQuotes ? JSONStringLiteral.quote(value) : value
    }
}

/// Helpers shared by formatting and parsing, on Unicode scalars so that "\r\n" is two characters
/// as it is for the web UI.
enum ParameterText {
    /// `scalars` without leading and trailing white space (as Python's str.strip()).
    static func trimmed(_ scalars: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var slice = scalars
        while let first = slice.first, first.properties.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.properties.isWhitespace { slice = slice.dropLast() }
        return slice
    }

    static func trimmed(_ scalars: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar> {
        trimmed(scalars[...])
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }

    static func hasPrefix(_ scalars: ArraySlice<Unicode.Scalar>, _ prefix: String) -> Bool {
        let prefixScalars = Array(prefix.unicodeScalars)
        return scalars.count >= prefixScalars.count && zip(scalars, prefixScalars).allSatisfy { $0 == $1 }
    }
}
