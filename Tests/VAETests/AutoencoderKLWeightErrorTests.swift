// Weights that do not fit the config are refused with an error naming the tensor.
import Foundation
import Testing
import Models
import SafeTensors
import Tensors

@Suite struct AutoencoderKLWeightErrorTests {
    /// A copy of the fixture VAE folder whose weights pass through `edit` (name, tensor) → tensor or nil (dropped).
    static func editedFolder(_ edit: (String, Tensor) -> Tensor?) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let plain = try VAEWeightForms.plainWeights()
        var writer = SafeTensorsWriter(metadata: ["format": "pt"])
        for name in plain.names {
            if let tensor = edit(name, try plain.tensor(named: name)) { try writer.add(name, tensor) }
        }
        try writer.write(to: folder.file("\(AutoencoderKL.weightsBaseName).safetensors"))
        try VAEWeightForms.copyConfig(into: folder)
        return folder
    }

    @Test func aWrongShapedWeightIsAShapeMismatchNamingTheKey() throws {
        let key = "decoder.up_blocks.2.resnets.0.conv1.weight"
        let folder = try Self.editedFolder { name, tensor in
            // Same values, the output and input channels swapped: [16, 24, 3, 3] becomes [24, 16, 3, 3].
            name == key ? tensor.reshaped([tensor.shape[1], tensor.shape[0]] + tensor.shape.dropFirst(2)) : tensor
        }
        defer { folder.cleanUp() }
        do {
            _ = try AutoencoderKL(folder: folder.path)
            Issue.record("a wrong-shaped \(key) was accepted")
        } catch let error as ModelError {
            guard case let .shapeMismatch(found, expected, actual, origin) = error else {
                Issue.record("expected shapeMismatch, got \(error)")
                return
            }
            #expect(found == key)
            #expect(expected == [16, 24, 3, 3])
            #expect(actual == [24, 16, 3, 3])
            #expect(origin.hasSuffix(".safetensors"))
            #expect(error.description.contains(key))
        }
    }

    @Test func aMissingWeightIsReportedByName() throws {
        let key = "encoder.mid_block.attentions.0.to_k.bias"
        let folder = try Self.editedFolder { name, tensor in name == key ? nil : tensor }
        defer { folder.cleanUp() }
        #expect(throws: ModelError.missingTensor(key: key, origin: folder.file("\(AutoencoderKL.weightsBaseName).safetensors"))) {
            _ = try AutoencoderKL(folder: folder.path)
        }
    }

    @Test func aConfigThatDoesNotMatchTheWeightsIsAShapeMismatch() throws {
        var config = try TinyVAEFixture.config()
        config.latentChannels = 8
        let weights = try SafeTensorsWeights(path: TinyVAEFixture.vaeFolder + "/\(AutoencoderKL.weightsBaseName).safetensors")
        #expect {
            _ = try AutoencoderKL(config: config, weights: WeightLoader(weights))
        } throws: { error in
            guard case let .shapeMismatch(key, expected, found, _)? = error as? ModelError else { return false }
            return key == "encoder.conv_out.weight" && expected == [16, 24, 3, 3] && found == [8, 24, 3, 3]
        }
    }

    @Test func withoutMidBlockAttentionTheAttentionWeightsAreNotRead() throws {
        // mid_block_add_attention = false builds no attention: a file without those weights loads.
        let folder = try Self.editedFolder { name, tensor in name.contains(".attentions.") ? nil : tensor }
        defer { folder.cleanUp() }
        #expect(throws: ModelError.self) { _ = try AutoencoderKL(folder: folder.path) }
        var config = try TinyVAEFixture.config()
        config.midBlockAddAttention = false
        let weights = try SafeTensorsWeights(path: folder.file("\(AutoencoderKL.weightsBaseName).safetensors"))
        let vae = try AutoencoderKL(config: config, weights: WeightLoader(weights))
        #expect(vae.encoder.midBlock.attention == nil && vae.decoder.midBlock.attention == nil)
    }
}
