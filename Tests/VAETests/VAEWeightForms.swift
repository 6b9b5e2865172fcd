// Other storage forms of the tiny VAE's weights, written at test time from the fixture's fp32
// file: an fp16 variant and a sharded set (the forms diffusers' save_pretrained writes with
// variant="fp16" and with a small max_shard_size). The fixture's weights are fp16-rounded, so
// these forms hold exactly the same values.
import Foundation
@testable import Models
import SafeTensors
import Tensors

enum VAEWeightForms {
    static let baseName = AutoencoderKL.weightsBaseName

    /// The fixture's plain fp32 weights.
    static func plainWeights() throws -> SafeTensorsFile {
        try SafeTensorsFile(path: TinyVAEFixture.vaeFolder + "/\(baseName).safetensors")
    }

    static func copyConfig(into folder: TemporaryFolder) throws {
        try FileManager.default.copyItem(atPath: TinyVAEFixture.vaeFolder + "/config.json",
                                         toPath: folder.file("config.json"))
    }

    /// `folder/diffusion_pytorch_model.fp16.safetensors` and config.json.
    static func writeFP16Variant(into folder: TemporaryFolder) throws {
        let plain = try plainWeights()
        var writer = SafeTensorsWriter(metadata: ["format": "pt"])
        for name in plain.names { try writer.add(name, try plain.tensor(named: name), as: .float16) }
        try writer.write(to: folder.file("\(baseName).fp16.safetensors"))
        try copyConfig(into: folder)
    }

    /// Two fp32 shards and `diffusion_pytorch_model.safetensors.index.json`, named as diffusers does.
    static func writeSharded(into folder: TemporaryFolder) throws {
        let plain = try plainWeights()
        let names = plain.names
        let halves = [Array(names[..<(names.count / 2)]), Array(names[(names.count / 2)...])]
        var weightMap: [String: String] = [:]
        var totalSize = 0
        for (index, part) in halves.enumerated() {
            let shard = "\(baseName)-0000\(index + 1)-of-00002.safetensors"
            var writer = SafeTensorsWriter(metadata: ["format": "pt"])
            for name in part {
                let tensor = try plain.tensor(named: name)
                try writer.add(name, tensor)
                weightMap[name] = shard
                totalSize += tensor.count * 4
            }
            try writer.write(to: folder.file(shard))
        }
        let index: [String: Any] = ["metadata": ["total_size": totalSize], "weight_map": weightMap]
        try JSONSerialization.data(withJSONObject: index, options: [.sortedKeys])
            .write(to: URL(fileURLWithPath: folder.file("\(baseName).safetensors.index.json")))
        try copyConfig(into: folder)
    }

    /// The VAE inside the single-file checkpoint (`first_stage_model.*`, Stability's layout),
    /// seen under diffusers' names.
    static func singleFileWeights(levels: Int) throws -> RemappedWeights {
        let checkpoint = try SafeTensorsWeights(path: TinyVAEFixture.singleFileCheckpoint)
        let prefix = "first_stage_model."
        let entries = checkpoint.names.compactMap { key -> MappedKey? in
            guard key.hasPrefix(prefix),
                  let (name, transform) = StabilityKeyMap.vaeName(String(key.dropFirst(prefix.count)), levels: levels)
            else { return nil }
            return MappedKey(name: name, source: key, transform: transform)
        }
        return RemappedWeights(base: checkpoint, entries: entries)
    }
}
