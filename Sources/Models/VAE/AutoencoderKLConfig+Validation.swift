// Checks of an AutoencoderKL config before anything is allocated from it, and reading it from
// config.json. The limits are far above any published VAE (SDXL: 4 levels up to 512 channels)
// and far below sizes that would exhaust memory.
import Foundation

extension AutoencoderKLConfig {
    static let maxImageChannels = 16
    static let maxLatentChannels = 256
    static let maxLevels = 8
    static let maxBlockChannels = 4096
    static let maxLayersPerBlock = 16
    static let maxSampleSize = 16_384
    static let maxConfigBytes = 1 << 20

    /// How many image pixels one latent pixel covers along each side: 2^(levels − 1)
    /// (diffusers' `vae_scale_factor`, 8 for SDXL).
    public var downsamplingFactor: Int { 1 << max(blockOutChannels.count - 1, 0) }

    /// Throws `ModelError.invalidConfig` naming `path` and the offending key when a value is
    /// outside what an AutoencoderKL of this engine can be built from.
    public func validate(path: String) throws {
        func fail(_ key: String, _ reason: String) -> ModelError {
            .invalidConfig(path: path, reason: "'\(key)' \(reason); use the config.json that came with these VAE weights")
        }
        func check(_ value: Int, _ key: String, in range: ClosedRange<Int>) throws {
            guard range.contains(value) else { throw fail(key, "is \(value), expected \(range.lowerBound)…\(range.upperBound)") }
        }
        try check(inChannels, "in_channels", in: 1...Self.maxImageChannels)
        try check(outChannels, "out_channels", in: 1...Self.maxImageChannels)
        try check(latentChannels, "latent_channels", in: 1...Self.maxLatentChannels)
        try check(layersPerBlock, "layers_per_block", in: 1...Self.maxLayersPerBlock)
        try check(blockOutChannels.count, "block_out_channels (number of levels)", in: 1...Self.maxLevels)
        try check(normNumGroups, "norm_num_groups", in: 1...Self.maxBlockChannels)
        for (level, channels) in blockOutChannels.enumerated() {
            try check(channels, "block_out_channels[\(level)]", in: 1...Self.maxBlockChannels)
            guard channels % normNumGroups == 0 else {
                throw fail("block_out_channels[\(level)]", "is \(channels), not divisible by norm_num_groups \(normNumGroups)")
            }
        }
        guard downBlockTypes.count == blockOutChannels.count else {
            throw fail("down_block_types", "has \(downBlockTypes.count) entries for \(blockOutChannels.count) levels of block_out_channels")
        }
        guard upBlockTypes.count == blockOutChannels.count else {
            throw fail("up_block_types", "has \(upBlockTypes.count) entries for \(blockOutChannels.count) levels of block_out_channels")
        }
        if let other = downBlockTypes.first(where: { $0 != "DownEncoderBlock2D" }) {
            throw fail("down_block_types", "contains '\(other)'; only DownEncoderBlock2D is supported")
        }
        if let other = upBlockTypes.first(where: { $0 != "UpDecoderBlock2D" }) {
            throw fail("up_block_types", "contains '\(other)'; only UpDecoderBlock2D is supported")
        }
        guard actFn == "silu" || actFn == "swish" else {
            throw fail("act_fn", "is '\(actFn)'; only silu (swish) is supported")
        }
        guard sampleSize.count == 1 || sampleSize.count == 2 else {
            throw fail("sample_size", "has \(sampleSize.count) values, expected one or [height, width]")
        }
        for size in sampleSize { try check(size, "sample_size", in: 1...Self.maxSampleSize) }
        guard scalingFactor.isFinite, scalingFactor > 0, Float(scalingFactor).isNormal else {
            throw fail("scaling_factor", "is \(scalingFactor), expected a positive number")
        }
        if let shiftFactor, !shiftFactor.isFinite {
            throw fail("shift_factor", "is \(shiftFactor), expected a finite number or null")
        }
        if let latentsMean {
            guard latentsMean.count == latentChannels else {
                throw fail("latents_mean", "has \(latentsMean.count) values for \(latentChannels) latent channels")
            }
            guard latentsMean.allSatisfy({ $0.isFinite && Float($0).isFinite }) else {
                throw fail("latents_mean", "contains a value that is not a finite number")
            }
        }
        if let latentsStd {
            guard latentsStd.count == latentChannels else {
                throw fail("latents_std", "has \(latentsStd.count) values for \(latentChannels) latent channels")
            }
            guard latentsStd.allSatisfy({ $0.isFinite && Float($0).isNormal && $0 > 0 }) else {
                throw fail("latents_std", "contains a value that is not a positive number")
            }
        }
    }

    /// Reads and validates a VAE's config.json.
    public static func load(path: String) throws -> AutoencoderKLConfig {
        let url = URL(fileURLWithPath: path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular else {
            throw ModelError.missingFile(path: path, hint: "a VAE folder holds config.json next to its weights")
        }
        if let size = attributes[.size] as? Int, size > maxConfigBytes {
            throw ModelError.invalidConfig(path: path, reason: "is \(size) bytes, too large for a VAE config")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelError.missingFile(path: path, hint: "it could not be read (\(error.localizedDescription))")
        }
        let config: AutoencoderKLConfig
        do {
            config = try JSONDecoder().decode(AutoencoderKLConfig.self, from: data)
        } catch let error as DecodingError {
            throw ModelError.invalidConfig(path: path, reason: Self.explain(error)
                + "; use the config.json that came with these VAE weights")
        } catch {
            throw ModelError.invalidConfig(path: path, reason: "is not valid JSON (\(error.localizedDescription))")
        }
        try config.validate(path: path)
        return config
    }

    /// A one-line account of a decoding failure that names the key.
    static func explain(_ error: DecodingError) -> String {
        func keyPath(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : "'" + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".") + "'"
        }
        switch error {
        case let .typeMismatch(type, context):
            let expected = type == Int.self || type == Double.self ? "a number" : "of type \(type)"
            return "\(keyPath(context.codingPath)) is not \(expected) (\(context.debugDescription))"
        case let .valueNotFound(type, context):
            return "\(keyPath(context.codingPath)) is null, expected \(type)"
        case let .keyNotFound(key, context):
            return "\(keyPath(context.codingPath + [key])) is missing"
        case let .dataCorrupted(context) where context.codingPath.isEmpty:
            return "is not valid JSON (\(context.debugDescription))"
        case let .dataCorrupted(context):
            return "\(keyPath(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "cannot be read as a VAE config (\(error))"
        }
    }
}
