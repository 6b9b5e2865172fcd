/// The phases of one generation, in the order they usually run.
public enum JobStage: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case textEncoding = "text_encoding"
    case base
    case refiner
    case decoding

    public var description: String {
        switch self {
        case .textEncoding: return "encoding the prompt"
        case .base: return "base model"
        case .refiner: return "refiner"
        case .decoding: return "decoding"
        }
    }
}
