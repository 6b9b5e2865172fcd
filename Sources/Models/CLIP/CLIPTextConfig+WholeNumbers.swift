// CLIPTextConfig's integer values read through Double, so that an out-of-range number (1e30) is reported
// under its key: Foundation's JSONDecoder otherwise calls the whole file invalid JSON.

extension KeyedDecodingContainer where Key == CLIPTextConfig.CodingKeys {
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
        guard value.rounded() == value, abs(value) <= 9_007_199_254_740_992 else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\(value) is not a whole number of sensible size")
        }
        return Int(value)
    }

    /// As `decodeWholeNumber`, nil when the key is absent or null.
    func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeWholeNumber(forKey: key)
    }
}
