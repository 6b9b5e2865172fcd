// The "parameters" text that AUTOMATIC1111's stable-diffusion-webui writes into PNGs ("infotext"),
// as built by modules/processing.py (create_infotext) and read by modules/infotext_utils.py
// (parse_generation_parameters, quote, unquote; webui 1.x, commit 0365002):
//
//     a prompt, possibly on several lines
//     Negative prompt: the negative prompt
//     Steps: 30, Sampler: Euler, CFG scale: 5.0, Seed: 123, Size: 1024x1024, Model: sd_xl_base_1.0
//
// Values holding ',', ':' or a line break are written as JSON string literals.

/// Generation parameters in the web UI's text form: prompt, negative prompt, and ordered
/// key/value fields (unknown keys included, as strings). Keys are unique; the value of a key
/// given twice is the last one, kept at the position of the first.
public struct A1111Parameters: Sendable, Equatable {
    /// The PNG text keyword the web UI stores this text under.
    public static let pngKeyword = "parameters"

    public struct Field: Sendable, Equatable, Hashable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public var prompt: String
    public var negativePrompt: String
    public private(set) var fields: [Field]

    public init(prompt: String, negativePrompt: String = "", fields: [Field] = []) {
        self.prompt = prompt
        self.negativePrompt = negativePrompt
        self.fields = Self.deduplicated(fields)
    }

    /// `fields` with each key once: the last value, at the position of the first.
    static func deduplicated(_ fields: [Field]) -> [Field] {
        var result: [Field] = []
        var positions: [String: Int] = [:]
        for field in fields {
            if let position = positions[field.key] {
                result[position].value = field.value
            } else {
                positions[field.key] = result.count
                result.append(field)
            }
        }
        return result
    }

    /// The value of `key`. Setting replaces the value in place or appends a new field; setting nil
    /// removes the field.
    public subscript(key: String) -> String? {
        get { fields.first { $0.key == key }?.value }
        set {
            let index = fields.firstIndex { $0.key == key }
            switch (index, newValue) {
            case let (index?, value?): fields[index].value = value
            case let (index?, nil): fields.remove(at: index)
            case let (nil, value?): fields.append(Field(key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The value of `key` as a whole number, or nil when absent or not a number.
    public func integer(_ key: String) -> Int? {
        self[key].flatMap { Int($0) }
    }

    /// The value of `key` as a decimal number, or nil when absent, not a number, or not finite.
    public func number(_ key: String) -> Double? {
        self[key].flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
    }

    /// A value such as "1024x768" as width and height (digits only, as the web UI matches it).
    public func size(_ key: String) -> (width: Int, height: Int)? {
        guard let value = self[key] else { return nil }
        let parts = value.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let width = Int(parts[0]), let height = Int(parts[1]) else { return nil }
        return (width, height)
    }
}
