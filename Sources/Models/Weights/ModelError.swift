/// Errors of building a network from a config and its weights.
public enum ModelError: Error, CustomStringConvertible, Equatable, Sendable {
    case missingTensor(key: String, origin: String)
    case shapeMismatch(key: String, expected: [Int], found: [Int], origin: String)
    case invalidConfig(path: String, reason: String)
    case notSDXL(path: String, detected: String)
    case unsupportedFormat(path: String, reason: String)
    case missingFile(path: String, hint: String)

    public var description: String {
        switch self {
        case let .missingTensor(key, origin):
            return "\(origin): tensor '\(key)' is missing; the weights do not match the model config (a different model or an incomplete download?)"
        case let .shapeMismatch(key, expected, found, origin):
            return "\(origin): tensor '\(key)' has shape \(found) but the config needs \(expected); use the config that came with these weights"
        case let .invalidConfig(path, reason):
            return "\(path): \(reason)"
        case let .notSDXL(path, detected):
            return "\(path): this is \(detected), not an SDXL model; sdxl runs SDXL base and refiner checkpoints only"
        case let .unsupportedFormat(path, reason):
            return "\(path): \(reason)"
        case let .missingFile(path, hint):
            return "\(path): not found; \(hint)"
        }
    }
}
