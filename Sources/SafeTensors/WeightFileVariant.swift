// Finding a model component's weights in a diffusers-style folder, in the naming of diffusers
// 0.42 (`utils/hub_utils.py` `_add_variant`, `models/model_loading_utils.py` `_fetch_index_file`):
// for base name NAME and variant V, the single file is `NAME.V.safetensors` and the shard index
// `NAME.safetensors.index.V.json` (older exports: `NAME.V.safetensors.index.json`). As in diffusers,
// an index wins over a single file of the same variant.

/// Which copy of the weights to use: the standard (usually fp32) files, or a named variant.
public enum WeightFileVariant: Hashable, Sendable, CustomStringConvertible {
    case standard
    case named(String)

    public static let fp16 = WeightFileVariant.named("fp16")

    public var description: String {
        switch self {
        case .standard: "standard"
        case .named(let name): name
        }
    }
}

/// Where a component's weights are: one file or a sharded index.
public enum WeightFileLocation: Hashable, Sendable {
    case single(path: String)
    case sharded(indexPath: String)

    public var path: String {
        switch self {
        case .single(let path), .sharded(let path): path
        }
    }

    /// Opens the weights; `containmentRoot` is passed on to `SafeTensorsCollection`.
    public func open(containmentRoot: String? = nil) throws -> any TensorSource {
        switch self {
        case .single(let path): try SafeTensorsFile(path: path)
        case .sharded(let indexPath): try SafeTensorsCollection(indexPath: indexPath, containmentRoot: containmentRoot)
        }
    }

    /// File names to look for, most preferred first. Variant names other than letters, digits,
    /// "-" and "_" give no candidates (they could name paths outside the folder).
    public static func candidateNames(baseName: String, variants: [WeightFileVariant]) -> [String] {
        variants.flatMap { variant -> [String] in
            switch variant {
            case .standard:
                return ["\(baseName).safetensors.index.json", "\(baseName).safetensors"]
            case .named(let name):
                guard !name.isEmpty, name.unicodeScalars.allSatisfy(isPlainNameCharacter) else { return [] }
                return ["\(baseName).safetensors.index.\(name).json",
                        "\(baseName).\(name).safetensors.index.json",
                        "\(baseName).\(name).safetensors"]
            }
        }
    }

    /// The first existing candidate in `folder`, trying `variants` in order.
    public static func find(in folder: String, baseName: String,
                            preferring variants: [WeightFileVariant] = [.standard, .fp16]) throws -> WeightFileLocation {
        let names = candidateNames(baseName: baseName, variants: variants)
        for name in names {
            let path = FilePaths.join(folder, name)
            guard POSIX.isRegularFile(path) else { continue }
            return name.hasSuffix(".json") ? .sharded(indexPath: path) : .single(path: path)
        }
        throw SafeTensorsError.weightsNotFound(folder: folder, baseName: baseName, tried: names)
    }

    private static func isPlainNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
    }
}
