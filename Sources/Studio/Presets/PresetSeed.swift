// The seed a preset asks for: a fixed value, or a fresh one for every job.

/// How a preset sets the seed of the base model's random source.
public enum PresetSeed: Hashable, Sendable, CustomStringConvertible {
    /// This seed, the same for every job (torch `manual_seed` semantics, 0 … 2⁶⁴−1).
    case fixed(UInt64)
    /// A new random seed for every job the preset is applied to.
    case random

    /// The TOML keyword for `random`.
    public static let randomKeyword = "random"

    /// The seed to use for one job: the fixed value, or one drawn from `generator`.
    public func resolve(using generator: inout some RandomNumberGenerator) -> UInt64 {
        switch self {
        case .fixed(let seed): return seed
        case .random: return UInt64.random(in: 0...UInt64.max, using: &generator)
        }
    }

    public var description: String {
        switch self {
        case .fixed(let seed): return String(seed)
        case .random: return Self.randomKeyword
        }
    }
}
