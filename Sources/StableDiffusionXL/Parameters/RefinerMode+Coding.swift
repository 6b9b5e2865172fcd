// JSON form of RefinerMode: {"mode": "none"}, {"mode": "ensemble", "switch_at": 0.8} or
// {"mode": "refine_image", "strength": 0.3}; a missing number takes the default.
import Foundation

extension RefinerMode: Codable {
    enum CodingKeys: String, CodingKey {
        case mode
        case switchAt = "switch_at"
        case strength
    }

    /// The `mode` names.
    public static let modeNames = ["none", "ensemble", "refine_image"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let mode = try c.decode(String.self, forKey: .mode)
        switch mode {
        case "none":
            self = .none
        case "ensemble":
            self = .ensemble(switchAt: try c.decodeIfPresent(Double.self, forKey: .switchAt) ?? Self.defaultSwitch)
        case "refine_image":
            self = .refineImage(strength: try c.decodeIfPresent(Double.self, forKey: .strength) ?? Self.defaultStrength)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .mode, in: c,
                debugDescription: "unknown refiner mode '\(mode)'; use one of \(Self.modeNames.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .none:
            try c.encode("none", forKey: .mode)
        case .ensemble(let switchAt):
            try c.encode("ensemble", forKey: .mode)
            try c.encode(switchAt, forKey: .switchAt)
        case .refineImage(let strength):
            try c.encode("refine_image", forKey: .mode)
            try c.encode(strength, forKey: .strength)
        }
    }
}
