// Checks of an AutoencoderTiny config before anything is allocated from it, and reading it from
// config.json. The limits are far above the published tiny autoencoders (TAESD, TAESDXL: 4 stages
// of 64 channels, 10 blocks, overall factor 8) and far below sizes that would exhaust memory.
import Foundation

extension AutoencoderTinyConfig {
    static let maxImageChannels = 16
    static let maxLatentChannels = 256
    static let maxStages = 8
    static let maxStageChannels = 4096
    static let maxBlocksPerStage = 32
    /// Integer nearest upsampling by 1…4 picks exactly the source pixels torch picks.
    static let maxUpsamplingScalingFactor = 4
    static let maxOverallFactor = 64
    static let maxConfigBytes = 1 << 20

    /// How many image pixels one latent pixel covers along each side:
    /// upsampling_scaling_factor^(stages − 1) (8 for TAESDXL).
    public var upsamplingFactor: Int {
        var factor = 1
        for _ in 1..<max(decoderBlockOutChannels.count, 1) { factor *= upsamplingScalingFactor }
        return factor
    }

    /// Throws `ModelError.invalidConfig` naming `path` and the offending key when a value is
    /// outside what this engine's TinyDecoder can be built from.
    public func validate(path: String) throws {
        func fail(_ key: String, _ reason: String) -> ModelError {
            .invalidConfig(path: path, reason: "'\(key)' \(reason); use the config.json that came with these tiny autoencoder weights")
        }
        func check(_ value: Int, _ key: String, in range: ClosedRange<Int>) throws {
            guard range.contains(value) else { throw fail(key, "is \(value), expected \(range.lowerBound)…\(range.upperBound)") }
        }
        try check(latentChannels, "latent_channels", in: 1...Self.maxLatentChannels)
        try check(outChannels, "out_channels", in: 1...Self.maxImageChannels)
        try check(decoderBlockOutChannels.count, "decoder_block_out_channels (number of stages)", in: 1...Self.maxStages)
        for (stage, channels) in decoderBlockOutChannels.enumerated() {
            try check(channels, "decoder_block_out_channels[\(stage)]", in: 1...Self.maxStageChannels)
        }
        // Each stage ends in a convolution that keeps its own width, and the next stage's blocks are
        // built for theirs: diffusers' DecoderTiny fails at run time unless all widths are equal.
        if let first = decoderBlockOutChannels.first,
           let stage = decoderBlockOutChannels.firstIndex(where: { $0 != first }) {
            throw fail("decoder_block_out_channels[\(stage)]",
                       "is \(decoderBlockOutChannels[stage]) but stage 0 has \(first); a tiny decoder's stages all have one width")
        }
        guard numDecoderBlocks.count == decoderBlockOutChannels.count else {
            throw fail("num_decoder_blocks", "has \(numDecoderBlocks.count) entries for \(decoderBlockOutChannels.count) stages of decoder_block_out_channels")
        }
        for (stage, blocks) in numDecoderBlocks.enumerated() {
            try check(blocks, "num_decoder_blocks[\(stage)]", in: 0...Self.maxBlocksPerStage)
        }
        guard actFn.lowercased() == "relu" else {
            throw fail("act_fn", "is '\(actFn)'; only relu (the activation of every published tiny autoencoder) is supported")
        }
        guard upsampleFn == "nearest" else {
            throw fail("upsample_fn", "is '\(upsampleFn)'; only nearest is supported")
        }
        try check(upsamplingScalingFactor, "upsampling_scaling_factor", in: 1...Self.maxUpsamplingScalingFactor)
        guard upsamplingFactor <= Self.maxOverallFactor else {
            throw fail("upsampling_scaling_factor", "is \(upsamplingScalingFactor), which over \(decoderBlockOutChannels.count) stages enlarges the latents \(upsamplingFactor)×; at most \(Self.maxOverallFactor)× is supported")
        }
        guard scalingFactor.isFinite, scalingFactor > 0, Float(scalingFactor).isNormal else {
            throw fail("scaling_factor", "is \(scalingFactor), expected a positive number")
        }
        guard shiftFactor.isFinite else {
            throw fail("shift_factor", "is \(shiftFactor), expected a finite number")
        }
    }

    /// Reads and validates a tiny autoencoder's config.json.
    public static func load(path: String) throws -> AutoencoderTinyConfig {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular else {
            throw ModelError.missingFile(path: path, hint: "a tiny autoencoder folder holds config.json next to its weights")
        }
        if let size = attributes[.size] as? Int, size > maxConfigBytes {
            throw ModelError.invalidConfig(path: path, reason: "is \(size) bytes, too large for a tiny autoencoder config")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelError.missingFile(path: path, hint: "it could not be read (\(error.localizedDescription))")
        }
        let config: AutoencoderTinyConfig
        do {
            config = try JSONDecoder().decode(AutoencoderTinyConfig.self, from: data)
        } catch let error as DecodingError {
            throw ModelError.invalidConfig(path: path, reason: AutoencoderKLConfig.explain(error)
                + "; use the config.json that came with these tiny autoencoder weights")
        } catch {
            throw ModelError.invalidConfig(path: path, reason: "is not valid JSON (\(error.localizedDescription))")
        }
        try config.validate(path: path)
        return config
    }
}
