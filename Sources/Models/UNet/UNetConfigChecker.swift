// The errors of UNet config validation, each naming the config file and the key.

/// Builds errors that name the config file and key.
struct UNetConfigChecker {
    let path: String

    func invalid(_ key: String, _ reason: String) -> ModelError {
        .invalidConfig(path: path, reason: "'\(key)' \(reason)")
    }

    func require(_ value: Int, in range: ClosedRange<Int>, _ key: String, what: String? = nil) throws {
        guard range.contains(value) else {
            let subject = what.map { "gives \(value) \($0)" } ?? "is \(value)"
            throw invalid(key, "\(subject); it must be between \(range.lowerBound) and \(range.upperBound)")
        }
    }

    /// One value per block, each within `range`.
    func perBlock(_ value: PerBlockValue<Int>, _ key: String, levels: Int, in range: ClosedRange<Int>) throws -> [Int] {
        guard let values = value.perBlock(levels) else {
            throw invalid(key, "lists a number of entries other than the \(levels) blocks")
        }
        for (index, entry) in values.enumerated() {
            try require(entry, in: range, value == .uniform(entry) ? key : "\(key)[\(index)]")
        }
        return values
    }
}
