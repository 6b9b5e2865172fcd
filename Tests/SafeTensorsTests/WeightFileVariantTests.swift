import Foundation
import Testing
import Tensors
@testable import SafeTensors

/// Finding `NAME.safetensors`, `NAME.fp16.safetensors` and their sharded indexes in a model folder.
@Suite struct WeightFileVariantTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func writeWeights(_ name: String, value: Float) throws {
        var writer = SafeTensorsWriter()
        try writer.add("w", Tensor(shape: [1], scalars: [value]))
        try writer.write(to: folder.file(name))
    }

    @Test func candidateNamesFollowDiffusers() {
        #expect(WeightFileLocation.candidateNames(baseName: "diffusion_pytorch_model", variants: [.standard, .fp16]) == [
            "diffusion_pytorch_model.safetensors.index.json",
            "diffusion_pytorch_model.safetensors",
            "diffusion_pytorch_model.safetensors.index.fp16.json",
            "diffusion_pytorch_model.fp16.safetensors.index.json",
            "diffusion_pytorch_model.fp16.safetensors",
        ])
        #expect(WeightFileLocation.candidateNames(baseName: "model", variants: [.named("../x"), .named("a/b"), .named("")]).isEmpty)
    }

    @Test func preferenceOrderDecides() throws {
        try writeWeights("diffusion_pytorch_model.safetensors", value: 32)
        try writeWeights("diffusion_pytorch_model.fp16.safetensors", value: 16)
        let standard = try WeightFileLocation.find(in: folder.path, baseName: "diffusion_pytorch_model")
        #expect(standard == .single(path: folder.file("diffusion_pytorch_model.safetensors")))
        let half = try WeightFileLocation.find(in: folder.path, baseName: "diffusion_pytorch_model", preferring: [.fp16, .standard])
        #expect(half == .single(path: folder.file("diffusion_pytorch_model.fp16.safetensors")))
        #expect(try half.open().tensor(named: "w").scalars == [16])
    }

    @Test func shardedIndexesAreFoundAndWinOverSingleFiles() throws {
        try writeWeights("model.fp16-00001-of-00001.safetensors", value: 7)
        try writeWeights("model.fp16.safetensors", value: 8)
        try folder.write(#"{"weight_map": {"w": "model.fp16-00001-of-00001.safetensors"}}"#, to: "model.safetensors.index.fp16.json")
        let location = try WeightFileLocation.find(in: folder.path, baseName: "model", preferring: [.fp16])
        #expect(location == .sharded(indexPath: folder.file("model.safetensors.index.fp16.json")))
        #expect(try location.open().tensor(named: "w").scalars == [7])
        // The older spelling of a variant index is found too.
        try FileManager.default.moveItem(atPath: folder.file("model.safetensors.index.fp16.json"),
                                         toPath: folder.file("model.fp16.safetensors.index.json"))
        #expect(try WeightFileLocation.find(in: folder.path, baseName: "model", preferring: [.fp16])
                == .sharded(indexPath: folder.file("model.fp16.safetensors.index.json")))
    }

    @Test func missingWeightsListWhatWasTried() throws {
        try writeWeights("model.safetensors", value: 1)
        #expect(throws: SafeTensorsError.weightsNotFound(folder: folder.path, baseName: "model",
                                                         tried: ["model.safetensors.index.fp16.json",
                                                                 "model.fp16.safetensors.index.json",
                                                                 "model.fp16.safetensors"])) {
            try WeightFileLocation.find(in: folder.path, baseName: "model", preferring: [.fp16])
        }
    }
}
