import Foundation
import Testing
import Tensors
@testable import SafeTensors

/// Sharded checkpoints: an index plus shard files, and indexes that try to reach outside their folder.
@Suite struct ShardedCheckpointTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// Two shards of a small model in `subfolder`, and the index that names them.
    @discardableResult
    func writeShardedModel(in subfolder: String = "unet", weightMap: [String: String]? = nil) throws -> String {
        let directory = folder.file(subfolder)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var first = SafeTensorsWriter(metadata: ["format": "pt"])
        try first.add("conv_in.weight", Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        try first.add("conv_in.bias", float16Bits: [0x3C00, 0x4000], shape: [2])
        try first.write(to: directory + "/model-00001-of-00002.safetensors")
        var second = SafeTensorsWriter(metadata: ["format": "pt"])
        try second.add("conv_out.weight", bfloat16Bits: [0x4040], shape: [1, 1])
        try second.add("position_ids", int64: [0, 1], shape: [1, 2])
        try second.write(to: directory + "/model-00002-of-00002.safetensors")
        let map = weightMap ?? [
            "conv_in.weight": "model-00001-of-00002.safetensors",
            "conv_in.bias": "model-00001-of-00002.safetensors",
            "conv_out.weight": "model-00002-of-00002.safetensors",
            "position_ids": "model-00002-of-00002.safetensors",
        ]
        return try writeIndex(map, in: subfolder)
    }

    @discardableResult
    func writeIndex(_ map: [String: String], in subfolder: String = "unet",
                    name: String = "model.safetensors.index.json") throws -> String {
        let index: [String: Any] = ["metadata": ["total_size": 42, "format": "pt"], "weight_map": map]
        let data = try JSONSerialization.data(withJSONObject: index, options: [.prettyPrinted, .sortedKeys])
        return try folder.write([UInt8](data), to: "\(subfolder)/\(name)")
    }

    @Test func indexRoundTrip() throws {
        let indexPath = try writeShardedModel()
        let model = try SafeTensorsCollection(indexPath: indexPath)
        #expect(model.names == ["conv_in.bias", "conv_in.weight", "conv_out.weight", "position_ids"])
        #expect(model.shards.map { FilePaths.lastComponent(of: $0.path) }
                == ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"])
        #expect(try model.tensor(named: "conv_in.weight").scalars == [1, 2, 3, 4])
        #expect(try model.tensor(named: "conv_in.bias").scalars == [1, 2])
        #expect(try model.tensor(named: "conv_out.weight").scalars == [3])
        #expect(try model.tensor(named: "conv_out.weight").shape == [1, 1])
        #expect(model.info(named: "position_ids")?.dtype == .int64)
        #expect(model.floatTensorNames == ["conv_in.bias", "conv_in.weight", "conv_out.weight"])
        #expect(try model.rawTensor(named: "conv_out.weight").path.hasSuffix("unet/model-00002-of-00002.safetensors"))
        #expect(throws: SafeTensorsError.missingTensor(path: indexPath, name: "absent")) { try model.tensor(named: "absent") }
        // The same API through the protocol.
        let source: any TensorSource = model
        var buffer = [Float](repeating: 0, count: 2)
        try buffer.withUnsafeMutableBufferPointer { try source.convert(named: "conv_in.bias", into: $0) }
        #expect(buffer == [1, 2])
    }

    @Test func pathTraversalIsRefused() throws {
        try writeShardedModel()
        // The target exists, so only the path check stands in the way.
        try FileManager.default.copyItem(atPath: folder.file("unet/model-00001-of-00002.safetensors"),
                                         toPath: folder.file("outside.safetensors"))
        let cases: [(String, String)] = [
            ("../outside.safetensors", "\"..\" leaves the checkpoint folder"),
            ("sub/../../outside.safetensors", "\"..\" leaves the checkpoint folder"),
            (folder.file("outside.safetensors"), "absolute path"),
            ("", "empty file name"),
        ]
        for (shard, reason) in cases {
            let indexPath = try writeIndex(["conv_in.weight": shard])
            #expect(throws: SafeTensorsError.unsafeShardPath(index: indexPath, shard: shard, reason: reason)) {
                try SafeTensorsCollection(indexPath: indexPath)
            }
        }
    }

    @Test func symbolicLinksMustStayInsideTheRoot() throws {
        try writeShardedModel(in: "blobs")
        try writeShardedModel(in: "snapshot")
        let fm = FileManager.default
        // A link to a file inside the folder is fine.
        try fm.createSymbolicLink(atPath: folder.file("snapshot/alias.safetensors"), withDestinationPath: "model-00001-of-00002.safetensors")
        let inside = try writeIndex(["conv_in.weight": "alias.safetensors"], in: "snapshot")
        #expect(try SafeTensorsCollection(indexPath: inside).tensor(named: "conv_in.weight").scalars == [1, 2, 3, 4])

        // A link leading out of the folder is refused, unless the caller widens the root (as for
        // a Hugging Face cache, whose snapshot files link into the repository's blobs folder).
        try fm.createSymbolicLink(atPath: folder.file("snapshot/escape.safetensors"),
                                  withDestinationPath: "../blobs/model-00001-of-00002.safetensors")
        let escaping = try writeIndex(["conv_in.weight": "escape.safetensors"], in: "snapshot")
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensorsCollection(indexPath: escaping) }
        guard case .unsafeShardPath(escaping, "escape.safetensors", let reason)? = error else {
            Issue.record("expected unsafeShardPath, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("a symbolic link leads to") && reason.contains("blobs/model-00001-of-00002.safetensors"))
        let widened = try SafeTensorsCollection(indexPath: escaping, containmentRoot: folder.path)
        #expect(try widened.tensor(named: "conv_in.weight").scalars == [1, 2, 3, 4])

        // A linked folder counts too.
        try fm.createSymbolicLink(atPath: folder.file("snapshot/linked"), withDestinationPath: "../blobs")
        let throughFolder = try writeIndex(["conv_in.weight": "linked/model-00001-of-00002.safetensors"], in: "snapshot")
        #expect(throws: SafeTensorsError.self) { try SafeTensorsCollection(indexPath: throughFolder) }
    }

    @Test func missingShardsAndTensorsAreReported() throws {
        let indexPath = try writeShardedModel()
        try writeIndex(["conv_in.weight": "model-00003-of-00002.safetensors"])
        #expect(throws: SafeTensorsError.missingShard(index: indexPath, shard: "model-00003-of-00002.safetensors")) {
            try SafeTensorsCollection(indexPath: indexPath)
        }
        try writeIndex(["conv_out.weight": "model-00001-of-00002.safetensors"])
        #expect(throws: SafeTensorsError.missingTensor(path: folder.file("unet/model-00001-of-00002.safetensors"),
                                                       name: "conv_out.weight")) {
            try SafeTensorsCollection(indexPath: indexPath)
        }
        // A folder is not a shard.
        try FileManager.default.createDirectory(atPath: folder.file("unet/dir.safetensors"), withIntermediateDirectories: true)
        try writeIndex(["conv_out.weight": "dir.safetensors"])
        #expect(throws: SafeTensorsError.missingShard(index: indexPath, shard: "dir.safetensors")) {
            try SafeTensorsCollection(indexPath: indexPath)
        }
    }

    @Test func hostileShardsAreValidatedOnOpen() throws {
        let indexPath = try writeShardedModel()
        let shard = folder.file("unet/model-00002-of-00002.safetensors")
        try folder.write([UInt8](try Data(contentsOf: URL(fileURLWithPath: shard))) + [0], to: "unet/model-00002-of-00002.safetensors")
        #expect(throws: SafeTensorsError.trailingBytes(path: shard, count: 1)) { try SafeTensorsCollection(indexPath: indexPath) }
    }

    @Test(arguments: [
        (#"{"weight_map": {"a": "x.safetensors", "a": "y.safetensors"}}"#, "duplicate"),
        (#"{"weight_map": {"a": 3}}"#, "the shard of \"a\" is an integer, not a file name"),
        (#"{"weight_map": {}}"#, "\"weight_map\" lists no tensors"),
        (#"{"metadata": {}}"#, "\"weight_map\" is missing or not an object"),
        (#"["weight_map"]"#, "the index is an array, not an object"),
        (#"{"weight_map": {"a": "x"}"#, "expected \",\" or \"}\" in an object at byte 25"),
    ])
    func invalidIndexes(text: String, reason: String) throws {
        let indexPath = try folder.write(text, to: "model.safetensors.index.json")
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensorsCollection(indexPath: indexPath) }
        if reason == "duplicate" {
            #expect(error == .duplicateKey(path: indexPath, key: "a", enclosingKey: "weight_map"))
        } else if case .invalidIndex(indexPath, let actual)? = error {
            #expect(actual.hasSuffix(reason), "\(actual)")
        } else {
            Issue.record("expected invalidIndex, got \(String(describing: error))")
        }
    }

    @Test func indexMetadataMayHoldAnyScalar() throws {
        try writeShardedModel()
        let text = #"{"metadata": {"total_size": 1.5e3, "flag": true, "none": null}, "weight_map": {"conv_in.weight": "model-00001-of-00002.safetensors"}}"#
        let indexPath = try folder.write(text, to: "unet/model.safetensors.index.json")
        #expect(try SafeTensorsCollection(indexPath: indexPath).names == ["conv_in.weight"])
    }
}
