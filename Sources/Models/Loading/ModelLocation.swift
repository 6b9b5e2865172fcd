import Foundation

/// Where a model's files are, resolved from what the user typed after `--model`.
public enum ModelLocation: Sendable, Equatable {
    /// A diffusers folder with model_index.json and one sub-folder per component.
    case diffusersFolder(URL)
    /// One safetensors file in Stability's original layout.
    case singleFile(URL)

    /// Resolves a path, or a Hugging Face repository name found in the local hub cache.
    /// - Parameter environment: consulted for HF_HUB_CACHE, HF_HOME and HOME.
    public static func resolve(_ text: String, environment: [String: String]) throws -> ModelLocation {
        let fileManager = FileManager.default
        let expanded = (text as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: expanded, isDirectory: &isDirectory) {
            let url = URL(fileURLWithPath: expanded).standardizedFileURL
            if isDirectory.boolValue {
                guard fileManager.fileExists(atPath: url.appendingPathComponent("model_index.json").path) else {
                    throw ModelError.missingFile(path: url.appendingPathComponent("model_index.json").path,
                                                 hint: "a diffusers model folder has model_index.json; point --model at that folder or at a .safetensors checkpoint")
                }
                return .diffusersFolder(url)
            }
            return .singleFile(try checkedCheckpointFile(url))
        }
        if let snapshot = hubSnapshot(for: text, environment: environment) {
            return .diffusersFolder(snapshot)
        }
        throw ModelError.missingFile(
            path: text,
            hint: "give a diffusers folder, a .safetensors checkpoint, or a repository name (org/name) already in the Hugging Face cache (\(hubCacheFolder(environment).path))")
    }

    /// Refuses pickled weights: they can run code when loaded, so they are never opened.
    static func checkedCheckpointFile(_ url: URL) throws -> URL {
        switch url.pathExtension.lowercased() {
        case "safetensors":
            return url
        case "ckpt", "pt", "pth", "bin", "pkl", "pickle":
            throw ModelError.unsupportedFormat(
                path: url.path,
                reason: "pickle checkpoints can execute code and are never loaded; convert it to .safetensors first (for example with the safetensors 'convert' tool or `torch.load` + `safetensors.torch.save_file` in a sandbox)")
        default:
            throw ModelError.unsupportedFormat(path: url.path, reason: "not a .safetensors checkpoint or a diffusers folder")
        }
    }

    /// The hub cache: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub.
    public static func hubCacheFolder(_ environment: [String: String]) -> URL {
        if let cache = environment["HF_HUB_CACHE"], !cache.isEmpty { return URL(fileURLWithPath: cache) }
        if let home = environment["HF_HOME"], !home.isEmpty { return URL(fileURLWithPath: home).appendingPathComponent("hub") }
        let user = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: user).appendingPathComponent(".cache/huggingface/hub")
    }

    /// `org/name` → `<cache>/models--org--name/snapshots/<revision>`, the revision named by
    /// refs/main when present, else the most recently modified snapshot.
    static func hubSnapshot(for name: String, environment: [String: String]) -> URL? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".."
                && $0.unicodeScalars.allSatisfy(allowed.contains) }) else { return nil }
        let repository = hubCacheFolder(environment).appendingPathComponent("models--\(parts[0])--\(parts[1])")
        let snapshots = repository.appendingPathComponent("snapshots")
        let fileManager = FileManager.default
        if let revision = try? String(contentsOf: repository.appendingPathComponent("refs/main"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines),
           !revision.isEmpty, !revision.contains("/"), revision != "..",
           fileManager.fileExists(atPath: snapshots.appendingPathComponent(revision).appendingPathComponent("model_index.json").path) {
            return snapshots.appendingPathComponent(revision)
        }
        let candidates = (try? fileManager.contentsOfDirectory(at: snapshots, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        return candidates
            .filter { fileManager.fileExists(atPath: $0.appendingPathComponent("model_index.json").path) }
            .max { modified($0) < modified($1) }
    }

    private static func modified(_ url: URL) -> Date {
        (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
    }
}
