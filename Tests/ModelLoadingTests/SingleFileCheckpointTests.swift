import Foundation
import Models
import Testing

/// A single-file checkpoint in Stability's layout must present exactly the tensors of the
/// equivalent diffusers folder, under the same names and with the same values.
@Suite struct SingleFileCheckpointTests {
    @Test(arguments: [
        (TinyFixture.baseSingleFile, TinyFixture.base, PipelineComponent.allCases),
        (TinyFixture.refinerSingleFile, TinyFixture.refiner, [PipelineComponent.textEncoder2, .unet, .vae]),
    ])
    func singleFileMatchesDiffusersFolder(file: URL, folder: URL, components: [PipelineComponent]) throws {
        let single = try SingleFileCheckpoint(file, configFolder: folder)
        let diffusers = try DiffusersFolder(folder)
        for component in components where component != .scheduler && component != .tokenizer && component != .tokenizer2 {
            #expect(single.has(component) == diffusers.has(component), "\(component)")
            guard diffusers.has(component) else { continue }
            let expected = try diffusers.weights(for: component)
            let mapped = try single.weights(for: component)
            let expectedNames = Set(expected.names.filter { !$0.hasSuffix("position_ids") })
            #expect(Set(mapped.names) == expectedNames, "\(component): names differ")
            for name in expectedNames.sorted() {
                let a = try mapped.tensor(named: name), b = try expected.tensor(named: name)
                #expect(a.shape == b.shape, "\(component) \(name)")
                #expect(a.scalars == b.scalars, "\(component) \(name)")
            }
        }
    }

    @Test func kindIsRecognisedFromTensorNames() throws {
        let base = try SingleFileCheckpoint(TinyFixture.baseSingleFile, configFolder: TinyFixture.base)
        #expect(base.kind == .sdxlBase)
        let refiner = try SingleFileCheckpoint(TinyFixture.refinerSingleFile, configFolder: TinyFixture.refiner)
        #expect(refiner.kind == .sdxlRefiner)
        #expect(!refiner.has(.textEncoder))
    }

    @Test func bundledConfigsDescribeSDXL() throws {
        let base = try #require(SingleFileCheckpoint.bundledConfigs(for: .sdxlBase))
        let index = try ModelIndex(contentsOf: base.appendingPathComponent("model_index.json"))
        #expect(index.className == "StableDiffusionXLPipeline")
        #expect(index.forceZerosForEmptyPrompt)
        let refiner = try #require(SingleFileCheckpoint.bundledConfigs(for: .sdxlRefiner))
        #expect(try ModelIndex(contentsOf: refiner.appendingPathComponent("model_index.json")).requiresAestheticsScore)
    }
}

@Suite struct CheckpointKindTests {
    @Test(arguments: [
        (["model.diffusion_model.input_blocks.0.0.weight", "cond_stage_model.transformer.text_model.embeddings.token_embedding.weight"],
         CheckpointKind.stableDiffusion1),
        (["model.diffusion_model.input_blocks.0.0.weight", "cond_stage_model.model.transformer.resblocks.0.ln_1.weight"],
         .stableDiffusion2),
        (["lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight", "lora_unet_down_blocks_0_attentions_0_proj_in.alpha"], .lora),
        (["unet.down_blocks.0.attentions.0.proj_in.lora_A.weight"], .lora),
        (["encoder.down.0.block.0.conv1.weight", "decoder.up.0.block.0.conv1.weight"], .vaeOnly),
        (["encoder.down_blocks.0.resnets.0.conv1.weight"], .vaeOnly),
        (["encoder.layers.0.weight", "decoder.layers.0.weight"], .tinyAutoencoder),
        (["model.diffusion_model.input_blocks.0.0.weight", "conditioner.embedders.1.model.ln_final.weight"], .sdxlBase),
        (["model.diffusion_model.input_blocks.0.0.weight", "conditioner.embedders.0.model.ln_final.weight"], .sdxlRefiner),
        (["something.else"], .unknown),
    ])
    func kind(names: [String], expected: CheckpointKind) {
        #expect(CheckpointKind(tensorNames: names) == expected)
    }
}
