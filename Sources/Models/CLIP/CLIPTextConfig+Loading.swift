// Reading a text encoder's config.json from disk, with every failure named by file and key.
import Foundation

extension CLIPTextConfig {
    /// Config files are a few hundred bytes; anything far larger is not a config.
    static let maxConfigFileSize = 1 << 20

    /// Reads, decodes and validates `path` (a `text_encoder/config.json` or `text_encoder_2/config.json`).
    public static func load(path: String) throws -> CLIPTextConfig {
        let url = URL(fileURLWithPath: path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular else {
            throw ModelError.missingFile(path: path, hint: "a text encoder folder needs its config.json")
        }
        if let size = attributes[.size] as? Int, size > maxConfigFileSize {
            throw ModelError.invalidConfig(path: path, reason: "the file is \(size) bytes, far too large for a config.json")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelError.missingFile(path: path, hint: "it could not be read (\(error.localizedDescription))")
        }
        return try decode(data, path: path)
    }

    /// Decodes and validates config JSON; `path` names the source in errors.
    public static func decode(_ data: Data, path: String) throws -> CLIPTextConfig {
        let config: CLIPTextConfig
        do {
            config = try JSONDecoder().decode(CLIPTextConfig.self, from: data)
        } catch let error as DecodingError {
            throw ModelError.invalidConfig(path: path, reason: Self.explain(error))
        } catch {
            throw ModelError.invalidConfig(path: path, reason: "not a readable JSON config (\(error))")
        }
        try config.validate(path: path)
        return config
    }

    private static func explain(_ error: DecodingError) -> String {
        func keyPath(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : "'" + path.map(\.stringValue).joined(separator: ".") + "'"
        }
        switch error {
        case let .keyNotFound(key, _):
            return "key '\(key.stringValue)' is missing; a CLIP text encoder config needs it"
        case let .typeMismatch(type, context):
            return "\(keyPath(context.codingPath)) is not a \(type) (\(context.debugDescription))"
        case let .valueNotFound(type, context):
            return "\(keyPath(context.codingPath)) is null but must be a \(type)"
        case let .dataCorrupted(context) where context.codingPath.isEmpty:
            return "not valid JSON (\(context.debugDescription))"
        case let .dataCorrupted(context):
            return "\(keyPath(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "not a readable config (\(error))"
        }
    }
}
