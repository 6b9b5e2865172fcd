// Reading a UNet's config.json from disk, with every failure named by file and key.
import Foundation

extension UNetConfig {
    /// A UNet config is a few kilobytes; anything far larger is not one.
    static let maxConfigFileSize = 1 << 20

    /// Reads and decodes `path` (a `unet/config.json`). Validation happens in `layout(path:)`.
    public static func load(path: String) throws -> UNetConfig {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular else {
            throw ModelError.missingFile(path: path, hint: "a UNet folder needs its config.json")
        }
        if let size = attributes[.size] as? Int, size > maxConfigFileSize {
            throw ModelError.invalidConfig(path: path, reason: "the file is \(size) bytes, far too large for a config.json")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelError.missingFile(path: path, hint: "it could not be read (\(error.localizedDescription))")
        }
        return try decode(data, path: path)
    }

    /// Decodes config JSON; `path` names the source in errors.
    public static func decode(_ data: Data, path: String) throws -> UNetConfig {
        do {
            return try JSONDecoder().decode(UNetConfig.self, from: data)
        } catch let error as DecodingError {
            throw ModelError.invalidConfig(path: path, reason: explain(error))
        } catch {
            throw ModelError.invalidConfig(path: path, reason: "not a readable JSON config (\(error))")
        }
    }

    private static func explain(_ error: DecodingError) -> String {
        func keyPath(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : "'" + path.map(\.stringValue).joined(separator: ".") + "'"
        }
        switch error {
        case let .keyNotFound(key, _):
            return "key '\(key.stringValue)' is missing; a UNet config needs it"
        case let .typeMismatch(type, context):
            return "\(keyPath(context.codingPath)) is not a \(type) (\(context.debugDescription))"
        case let .valueNotFound(type, context):
            return "\(keyPath(context.codingPath)) is null but must be a \(type)"
        case let .dataCorrupted(context):
            return "\(keyPath(context.codingPath)) cannot be read (\(context.debugDescription))"
        @unknown default:
            return "not a readable config (\(error))"
        }
    }
}
