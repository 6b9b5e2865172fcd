// Opening a tiny autoencoder from a folder or one file, and the errors for weights that do not fit.
import Foundation
import Testing
import Models
import SafeTensors
import Tensors

@Suite struct AutoencoderTinyLoadingTests {
    /// A copy of the fp16 decoder file whose tensors pass through `edit` (name, tensor) → tensor or nil (dropped).
    static func editedDecoderFile(in folder: TemporaryFolder, _ edit: (String, Tensor) -> Tensor?) throws -> String {
        let source = try SafeTensorsFile(path: try TinyAutoencoderFixture.decoderFile().path)
        var writer = SafeTensorsWriter(metadata: ["format": "pt"])
        for name in source.names {
            if let tensor = edit(name, try source.tensor(named: name)) { try writer.add(name, tensor, as: .float16) }
        }
        let path = folder.file("decoder.safetensors")
        try writer.write(to: path)
        return path
    }

    @Test func theFolderLoadsWithItsConfigAndIgnoresTheEncoder() throws {
        let folder = try TinyAutoencoderFixture.folder()
        let model = try AutoencoderTiny.load(from: folder)
        #expect(model.config == (try TinyAutoencoderFixture.config()))
        #expect(model.decoder.stages.map(\.blocks.count) == [3, 1, 2, 1])
        #expect(model.decoder.stages.map(\.upsampling) == [2, 2, 2, 1])
        let names = try SafeTensorsFile(path: folder.appendingPathComponent("diffusion_pytorch_model.safetensors").path).names
        #expect(names.contains { $0.hasPrefix("encoder.") })
    }

    @Test func anFP16VariantFolderLoads() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        try FileManager.default.copyItem(at: try TinyAutoencoderFixture.folder().appendingPathComponent("config.json"),
                                         to: folder.url("config.json"))
        try FileManager.default.copyItem(at: try TinyAutoencoderFixture.decoderFile(),
                                         to: folder.url("diffusion_pytorch_model.fp16.safetensors"))
        let model = try AutoencoderTiny.load(from: URL(fileURLWithPath: folder.path))
        let (latents, expected) = try TinyAutoencoderFixture.decodeCase("batch")
        #expect(maxAbsoluteDifference(model.decode(latents), expected) <= decodeTolerance)
    }

    @Test func aSingleFileWithoutAConfigIsReadAsTAESDXL() throws {
        // The tiny file does not have TAESDXL's 64 channels: the first layer tells so, by name and file.
        let file = try TinyAutoencoderFixture.decoderFile()
        #expect(throws: ModelError.shapeMismatch(key: "decoder.layers.0.weight", expected: [64, 4, 3, 3],
                                                 found: [16, 4, 3, 3], origin: file.path)) {
            _ = try AutoencoderTiny.load(from: file)
        }
    }

    @Test func aMisShapedWeightIsNamedWithItsFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let key = "decoder.layers.10.conv.2.weight"
        let path = try Self.editedDecoderFile(in: folder) { name, tensor in
            name == key ? Tensor(zeros: [16, 8, 3, 3]) : tensor
        }
        do {
            _ = try AutoencoderTiny.load(from: URL(fileURLWithPath: path), config: try TinyAutoencoderFixture.config())
            Issue.record("a mis-shaped \(key) was accepted")
        } catch let error as ModelError {
            #expect(error == .shapeMismatch(key: key, expected: [16, 16, 3, 3], found: [16, 8, 3, 3], origin: path))
            #expect(error.description.contains(key) && error.description.contains(path))
        }
    }

    @Test(arguments: ["decoder.layers.0.bias", "decoder.layers.4.conv.4.weight", "decoder.layers.13.weight",
                      "decoder.layers.15.bias"])
    func aMissingWeightIsNamedWithItsFile(_ key: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let path = try Self.editedDecoderFile(in: folder) { name, tensor in name == key ? nil : tensor }
        #expect(throws: ModelError.missingTensor(key: key, origin: path)) {
            _ = try AutoencoderTiny.load(from: URL(fileURLWithPath: path), config: try TinyAutoencoderFixture.config())
        }
    }

    @Test func aMissingWeightInTheOriginalNamingIsNamedAsDiffusersWouldCallIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let source = try SafeTensorsFile(path: try TinyAutoencoderFixture.originalDecoderFile().path)
        #expect(source.names.contains("10.weight"))      // diffusers' decoder.layers.9: stage 1's convolution
        var writer = SafeTensorsWriter()
        for name in source.names where name != "10.weight" { try writer.add(name, try source.tensor(named: name)) }
        let path = folder.file("taesdxl_decoder.safetensors")
        try writer.write(to: path)
        #expect(throws: ModelError.missingTensor(key: "decoder.layers.9.weight", origin: path)) {
            _ = try AutoencoderTiny.load(from: URL(fileURLWithPath: path), config: try TinyAutoencoderFixture.config())
        }
    }

    @Test func anOriginalEncoderFileIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        var writer = SafeTensorsWriter()
        try writer.add("0.weight", Tensor(zeros: [16, 3, 3, 3]))
        try writer.add("0.bias", Tensor(zeros: [16]))
        try writer.add("1.conv.0.weight", Tensor(zeros: [16, 16, 3, 3]))
        let path = folder.file("taesdxl_encoder.safetensors")
        try writer.write(to: path)
        #expect {
            _ = try AutoencoderTiny.load(from: URL(fileURLWithPath: path))
        } throws: { error in
            guard case let .unsupportedFormat(failedPath, reason) = error as? ModelError else { return false }
            return failedPath == path && reason.contains("encoder")
        }
    }

    @Test func missingPathsAndPickledFilesAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        // Nothing there.
        #expect {
            _ = try AutoencoderTiny.load(from: folder.url("taesdxl"))
        } throws: { error in
            guard case let .missingFile(path, _) = error as? ModelError else { return false }
            return path == folder.file("taesdxl")
        }
        // A folder without config.json.
        #expect {
            _ = try AutoencoderTiny.load(from: URL(fileURLWithPath: folder.path))
        } throws: { error in
            guard case let .missingFile(path, _) = error as? ModelError else { return false }
            return path == folder.file("config.json")
        }
        // A pickle is never opened.
        try Data([0x80, 0x02]).write(to: folder.url("taesdxl_decoder.pth"))
        #expect {
            _ = try AutoencoderTiny.load(from: folder.url("taesdxl_decoder.pth"))
        } throws: { error in
            guard case .unsupportedFormat = error as? ModelError else { return false }
            return true
        }
    }
}
