// A sharded checkpoint: an index file (`*.safetensors.index.json`, as written by diffusers'
// `save_pretrained` and transformers) whose `weight_map` maps each tensor name to a shard file in
// the same folder. Opened as one `TensorSource`; every shard is validated on open.

public final class SafeTensorsCollection: TensorSource {
    /// The index's size limit; real indexes are well under a megabyte.
    static let maxIndexLength = 100_000_000

    public let indexPath: String
    /// The shard files, sorted by file name.
    public let shards: [SafeTensorsFile]
    public let names: [String]
    private let shardByTensor: [String: SafeTensorsFile]

    /// Opens the index and every shard it names.
    ///
    /// Shard names must be relative paths without `..`, and each must resolve (after following
    /// symbolic links) to a regular file inside `containmentRoot`, which defaults to the index's
    /// folder. A Hugging Face cache snapshot, whose files are links into the repository's `blobs`
    /// folder, passes that repository folder (`models--org--name`) as the root.
    public init(indexPath: String, containmentRoot: String? = nil) throws {
        self.indexPath = indexPath
        let weightMap = try Self.readWeightMap(indexPath: indexPath)
        let folder = FilePaths.directory(of: indexPath)
        let root = containmentRoot ?? folder
        guard let resolvedRoot = POSIX.resolvedPath(root) else {
            throw SafeTensorsError.cannotOpen(path: root, reason: "the checkpoint folder does not exist")
        }

        var fileByShardName: [String: SafeTensorsFile] = [:]
        for shardName in Set(weightMap.values).sorted() {
            let shardPath = try Self.checkedShardPath(shardName, folder: folder, root: resolvedRoot,
                                                      indexPath: indexPath)
            fileByShardName[shardName] = try SafeTensorsFile(path: shardPath)
        }
        var shardByTensor: [String: SafeTensorsFile] = [:]
        for (tensor, shardName) in weightMap {
            guard let shard = fileByShardName[shardName], shard.contains(tensor) else {
                throw SafeTensorsError.missingTensor(path: FilePaths.join(folder, shardName), name: tensor)
            }
            shardByTensor[tensor] = shard
        }
        self.shardByTensor = shardByTensor
        shards = fileByShardName.keys.sorted().compactMap { fileByShardName[$0] }
        names = weightMap.keys.sorted()
    }

    public func info(named name: String) -> TensorInfo? {
        shardByTensor[name]?.info(named: name)
    }

    public func rawTensor(named name: String) throws -> RawTensor {
        guard let shard = shardByTensor[name] else {
            throw SafeTensorsError.missingTensor(path: indexPath, name: name)
        }
        return try shard.rawTensor(named: name)
    }

    // MARK: Reading the index

    private static func readWeightMap(indexPath: String) throws -> [String: String] {
        let mapping = try MappedFile(path: indexPath)
        func invalid(_ reason: String) -> SafeTensorsError { .invalidIndex(path: indexPath, reason: reason) }
        guard mapping.size <= maxIndexLength else { throw invalid("larger than \(maxIndexLength) bytes") }
        if let offset = UTF8Validation.firstInvalidOffset(in: mapping.bytes) {
            throw invalid("not valid UTF-8 at byte \(offset)")
        }
        let root: JSONValue
        do {
            // The index's "metadata" may hold any JSON scalar (sizes, counts, flags).
            root = try StrictJSONParser.parse(mapping.bytes, allowsOtherScalars: true)
        } catch .syntax(let reason) {
            throw invalid(reason)
        } catch .duplicateKey(let key, let enclosingKey) {
            throw SafeTensorsError.duplicateKey(path: indexPath, key: key, enclosingKey: enclosingKey)
        }
        guard case .object(let top) = root else { throw invalid("the index is \(root.kindName), not an object") }
        guard case .object(let map)? = top["weight_map"] else { throw invalid("\"weight_map\" is missing or not an object") }
        guard !map.members.isEmpty else { throw invalid("\"weight_map\" lists no tensors") }
        var weightMap: [String: String] = [:]
        for member in map.members {
            guard case .string(let file) = member.value else {
                throw invalid("the shard of \"\(member.key)\" is \(member.value.kindName), not a file name")
            }
            weightMap[member.key] = file
        }
        return weightMap
    }

    /// The shard's path, after checking that it names a regular file inside `root`.
    private static func checkedShardPath(_ shard: String, folder: String, root: String,
                                         indexPath: String) throws -> String {
        func refuse(_ reason: String) -> SafeTensorsError {
            .unsafeShardPath(index: indexPath, shard: shard, reason: reason)
        }
        guard !shard.isEmpty else { throw refuse("empty file name") }
        guard !shard.utf8.contains(0) else { throw refuse("NUL character in the file name") }
        guard !shard.hasPrefix("/") else { throw refuse("absolute path") }
        guard !shard.split(separator: "/", omittingEmptySubsequences: false).contains("..") else {
            throw refuse("\"..\" leaves the checkpoint folder")
        }
        let path = FilePaths.join(folder, shard)
        guard POSIX.isRegularFile(path), let resolved = POSIX.resolvedPath(path) else {
            throw SafeTensorsError.missingShard(index: indexPath, shard: shard)
        }
        guard FilePaths.isInside(resolved, root: root) else {
            throw refuse("a symbolic link leads to \(resolved), outside \(root)")
        }
        return path
    }
}
