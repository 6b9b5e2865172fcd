// A preset value for a setting whose "not given" state means something of its own
// (the model's default size, the output size as conditioning, the model's own sampler …).

/// Either "leave it to the program" (`automatic`, written `"auto"` in preset files) or a value.
/// A preset setting of this type that is `nil` is not touched at all when the preset is applied.
public enum PresetDefaultable<Value: Hashable & Sendable>: Hashable, Sendable {
    /// Reset the setting to "not given", whose meaning the setting documents.
    case automatic
    case value(Value)

    /// The TOML keyword for `automatic`.
    public static var automaticKeyword: String { "auto" }

    /// `nil` for `automatic`, as `GenerationParameters` stores "not given".
    public var optionalValue: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// `automatic` for nil.
    public init(_ optional: Value?) {
        self = optional.map { .value($0) } ?? .automatic
    }
}
