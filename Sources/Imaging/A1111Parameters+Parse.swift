extension A1111Parameters {
    /// Reads the web UI's text form. Never fails; odd input gives a predictable result:
    ///
    /// - The fields start at the last line that begins with "Steps:" (after white space); later
    ///   lines hold more fields. Without such a line there are no fields and all text is prompt.
    /// - Lines before it are the prompt until a line beginning with "Negative prompt:", which starts
    ///   the negative prompt. Each line is trimmed of surrounding white space, as the web UI does.
    /// - Fields are `key: value` separated by commas. A value that starts with '"' and has a closing
    ///   quote followed by a comma or the line end is a JSON string literal and is unescaped; if it
    ///   is not valid JSON it is kept as written. An unclosed quote makes the value run to the next
    ///   comma. Other values run to the next comma and are trimmed.
    /// - A field without ':' is a flag: its key is also its value. Empty keys are ignored.
    /// - A key given twice keeps the last value, at the position of the first.
    public static func parse(_ text: String) -> A1111Parameters {
        let scalars = ParameterText.trimmed(Array(text.unicodeScalars))
        let lines = scalars.split(separator: "\n", omittingEmptySubsequences: false)
        let fieldsStart = lines.lastIndex { ParameterText.hasPrefix(ParameterText.trimmed($0), "Steps:") }

        var prompt: [String] = []
        var negative: [String] = []
        var inNegative = false
        for line in lines[..<(fieldsStart ?? lines.endIndex)] {
            var content = ParameterText.trimmed(line)
            if ParameterText.hasPrefix(content, "Negative prompt:") {
                inNegative = true
                content = ParameterText.trimmed(content.dropFirst("Negative prompt:".unicodeScalars.count))
            }
            if inNegative {
                negative.append(ParameterText.string(content))
            } else {
                prompt.append(ParameterText.string(content))
            }
        }

        let fields = fieldsStart.map { start in lines[start...].flatMap { parseFields($0) } } ?? []
        return A1111Parameters(prompt: prompt.joined(separator: "\n"), negativePrompt: negative.joined(separator: "\n"),
                               fields: fields)
    }

    /// The `key: value` fields of one line.
    static func parseFields(_ line: ArraySlice<Unicode.Scalar>) -> [Field] {
        let scalars = Array(line)
        let count = scalars.count
        var fields: [Field] = []
        var index = 0

        func skipWhitespace() {
            while index < count, scalars[index].properties.isWhitespace { index += 1 }
        }

        while index < count {
            skipWhitespace()
            guard index < count else { break }
            let keyStart = index
            while index < count, scalars[index] != ":", scalars[index] != "," { index += 1 }
            let key = ParameterText.string(ParameterText.trimmed(scalars[keyStart..<index]))
            guard index < count, scalars[index] == ":" else {
                if !key.isEmpty { fields.append(Field(key: key, value: key)) }
                index += 1 // past the comma, or past the end
                continue
            }
            index += 1 // past the colon
            skipWhitespace()

            var value: String?
            if index < count, scalars[index] == "\"", let close = closingQuote(scalars, openingAt: index) {
                var after = close + 1
                while after < count, scalars[after].properties.isWhitespace { after += 1 }
                if after == count || scalars[after] == "," {
                    let literal = scalars[index...close]
                    value = JSONStringLiteral.unquote(literal) ?? ParameterText.string(literal)
                    index = after + 1
                }
            }
            if value == nil {
                let valueStart = index
                while index < count, scalars[index] != "," { index += 1 }
                let raw = ParameterText.trimmed(scalars[valueStart..<index])
                value = (raw.count >= 2 && raw.first == "\"" && raw.last == "\"" ? JSONStringLiteral.unquote(raw) : nil)
                    ?? ParameterText.string(raw)
                index += 1 // past the comma
            }
            if !key.isEmpty, let value {
                fields.append(Field(key: key, value: value))
            }
        }
        return fields
    }

    /// The index of the quote closing the one at `opening`, skipping backslash escapes.
    private static func closingQuote(_ scalars: [Unicode.Scalar], openingAt opening: Int) -> Int? {
        var index = opening + 1
        while index < scalars.count {
            switch scalars[index] {
            case "\\": index += 2
            case "\"": return index
            default: index += 1
            }
        }
        return nil
    }
}
