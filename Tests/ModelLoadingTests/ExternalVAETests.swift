import Foundation
import Models
import SafeTensors
import Testing

/// `--vae` files: a diffusers folder, or one file in Stability's or diffusers' naming.
@Suite struct ExternalVAETests {
    let reference: any WeightSource
    let config = TinyFixture.base.appendingPathComponent("vae/config.json")

    init() throws {
        reference = try DiffusersFolder(TinyFixture.base).weights(for: .vae)
    }

    @Test func diffusersFolderLoads() throws {
        let vae = try ExternalVAE(path: TinyFixture.base.appendingPathComponent("vae").path, modelConfig: config)
        try expectSameTensors(vae.weights)
    }

    /// The VAE cut out of the single-file checkpoint, with and without its `first_stage_model.` prefix.
    @Test(arguments: [true, false])
    func stabilityNamedFileLoads(keepingPrefix: Bool) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = try SafeTensorsFile(path: TinyFixture.baseSingleFile.path)
        var writer = SafeTensorsWriter()
        for name in checkpoint.names where name.hasPrefix("first_stage_model.") {
            let key = keepingPrefix ? name : String(name.dropFirst("first_stage_model.".count))
            try writer.add(key, checkpoint.tensor(named: name))
        }
        let file = folder.appendingPathComponent("sdxl_vae.safetensors")
        try writer.write(to: file.path)
        let vae = try ExternalVAE(path: file.path, modelConfig: config)
        #expect(vae.configURL == config)
        try expectSameTensors(vae.weights)
    }

    @Test func diffusersNamedFileLoads() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var writer = SafeTensorsWriter()
        for name in reference.names { try writer.add(name, reference.tensor(named: name)) }
        let file = folder.appendingPathComponent("vae.safetensors")
        try writer.write(to: file.path)
        try expectSameTensors(ExternalVAE(path: file.path, modelConfig: config).weights)
    }

    @Test func aWholeModelIsNotAVAE() {
        #expect {
            try ExternalVAE(path: TinyFixture.baseSingleFile.path, modelConfig: config)
        } throws: { error in
            guard case let ModelError.notSDXL(_, detected) = error else { return false }
            return detected.contains("SDXL base")
        }
    }

    private func expectSameTensors(_ weights: any WeightSource) throws {
        #expect(Set(weights.names) == Set(reference.names))
        for name in reference.names {
            #expect(try weights.tensor(named: name).scalars == reference.tensor(named: name).scalars, "\(name)")
        }
    }
}

@Suite struct ModelIndexTests {
    @Test(arguments: [
        ("StableDiffusionPipeline", "Stable Diffusion 1.x or 2.x"),
        ("FluxPipeline", "FluxPipeline"),
    ])
    func otherPipelinesAreNamed(className: String, expected: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = """
            {"_class_name": "\(className)", "unet": ["diffusers", "UNet2DConditionModel"],
             "text_encoder": ["transformers", "CLIPTextModel"]}
            """
        try Data(index.utf8).write(to: folder.appendingPathComponent("model_index.json"))
        #expect {
            try DiffusersFolder(folder)
        } throws: { error in
            guard case let ModelError.notSDXL(_, detected) = error else { return false }
            return detected.contains(expected)
        }
    }

    @Test func oversizedIndexIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(repeating: 0x20, count: 2 << 20).write(to: folder.appendingPathComponent("model_index.json"))
        #expect(throws: ModelError.self) { try DiffusersFolder(folder) }
    }
}
