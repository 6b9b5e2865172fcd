import Foundation

/// Reading the JSON files of a tokenizer folder, with errors that name the file and key.
struct JSONFile {
    let url: URL
    let root: Any

    var path: String { url.path }

    /// Reads and parses a file; `nil` when it does not exist.
    static func loadIfPresent(_ url: URL) throws(CLIPTokenizerError) -> JSONFile? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try load(url)
    }

    static func load(_ url: URL) throws(CLIPTokenizerError) -> JSONFile {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        do {
            return JSONFile(url: url, root: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        } catch {
            throw .malformedJSON(path: url.path, key: nil, reason: "invalid JSON (\(error.localizedDescription))")
        }
    }

    /// The top level as an object.
    func object() throws(CLIPTokenizerError) -> [String: Any] {
        guard let object = root as? [String: Any] else {
            throw .malformedJSON(path: path, key: nil, reason: "the top level is not an object")
        }
        return object
    }

    /// An integer, accepting JSON numbers without a fractional part.
    static func integer(_ value: Any) -> Int? {
        guard let number = value as? NSNumber, !isBoolean(number) else { return nil }
        let double = number.doubleValue
        guard double.rounded() == double, abs(double) < 9.0e15 else { return nil }
        return Int(double)
    }

    static func boolean(_ value: Any) -> Bool? {
        guard let number = value as? NSNumber, isBoolean(number) else { return nil }
        return number.boolValue
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // JSONSerialization returns true/false as NSNumber; on both platforms their type is 'c' (char).
        String(cString: number.objCType) == "c"
    }
}
