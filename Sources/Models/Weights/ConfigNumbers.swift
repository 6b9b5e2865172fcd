// Integers in config.json read through Double, so that a fraction or an out-of-range number
// (1e30) is reported under its key: Foundation's JSONDecoder otherwise calls the whole file
// invalid JSON without saying where.

extension KeyedDecodingContainer {
    /// The value at `key` as an Int; a fraction, a huge number or a non-number is a
    /// `DecodingError` whose coding path names `key`.
    func decodeWholeNumber(forKey key: Key) throws -> Int {
        let value: Double
        do {
            value = try decode(Double.self, forKey: key)
        } catch DecodingError.typeMismatch(_, let context) {
            throw DecodingError.typeMismatch(Int.self, context)
        } catch DecodingError.valueNotFound(_, let context) {
            throw DecodingError.valueNotFound(Int.self, context)
        }
        return try wholeNumber(value, forKey: key, index: nil)
    }

    /// As `decodeWholeNumber`, nil when the key is absent or null.
    func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeWholeNumber(forKey: key)
    }

    /// A list of whole numbers, nil when the key is absent or null.
    func decodeWholeNumbersIfPresent(forKey key: Key) throws -> [Int]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decode([Double].self, forKey: key).enumerated().map { try wholeNumber($1, forKey: key, index: $0) }
    }

    private func wholeNumber(_ value: Double, forKey key: Key, index: Int?) throws -> Int {
        guard value.rounded() == value, abs(value) <= 1e15 else {
            let element = index.map { "[\($0)] = " } ?? ""
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\(element)\(value) is not a whole number of sensible size")
        }
        return Int(value)
    }
}
