// Hostile model locations: model_index.json bombs, pickle checkpoints (refused before they are
// opened), and single-file checkpoints of other model families, each named for what it is. After
// all of them the tiny SDXL fixture still opens.
import Foundation
import Models
import Testing

struct ModelIndexBomb: Sendable, CustomTestStringConvertible {
    let label: String
    let contents: @Sendable () -> Data
    let expected: String
    var testDescription: String { label }

    static let all: [ModelIndexBomb] = [
        .init(label: "2 MB file", contents: { Data(("{" + String(repeating: " ", count: 2 << 20) + "}").utf8) },
              expected: "invalidConfig"),
        .init(label: "nesting just under 1 MB deep",
              contents: { Data(String(repeating: "[", count: (1 << 20) - 16).utf8) }, expected: "invalidConfig"),
        .init(label: "nested objects 100 000 deep",
              contents: { Data(String(repeating: #"{"a":"#, count: 100_000).utf8) }, expected: "invalidConfig"),
        .init(label: "top level is a string", contents: { Data(#""StableDiffusionXLPipeline""#.utf8) },
              expected: "invalidConfig"),
        .init(label: "wrong types everywhere",
              contents: { Data(#"{"_class_name": 12, "unet": "x", "text_encoder_2": [1, 2, 3], "force_zeros_for_empty_prompt": "yes"}"#.utf8) },
              expected: "notSDXL"),
        .init(label: "an SD 1.5 pipeline",
              contents: { Data(#"{"_class_name": "StableDiffusionPipeline", "unet": ["diffusers", "UNet2DConditionModel"]}"#.utf8) },
              expected: "notSDXL"),
        .init(label: "40 000 components and no class name",
              contents: {
                  let members = (0..<40_000).map { "\"c\($0)\": [\"x\", \"Y\"]" }.joined(separator: ",")
                  return Data(("{" + members + "}").utf8)
              },
              expected: "notSDXL"),
        .init(label: "empty file", contents: { Data() }, expected: "invalidConfig"),
    ]
}

struct ForeignCheckpoint: Sendable, CustomTestStringConvertible {
    let label: String
    let names: [String]
    let kind: CheckpointKind
    var testDescription: String { label }

    static let all: [ForeignCheckpoint] = [
        .init(label: "SD 1.5", names: ["cond_stage_model.transformer.text_model.embeddings.token_embedding.weight",
                                       "model.diffusion_model.input_blocks.0.0.weight",
                                       "first_stage_model.decoder.conv_in.weight"], kind: .stableDiffusion1),
        .init(label: "SD 2.1", names: ["cond_stage_model.model.transformer.resblocks.0.attn.in_proj_weight",
                                       "model.diffusion_model.input_blocks.0.0.weight",
                                       "first_stage_model.encoder.conv_in.weight"], kind: .stableDiffusion2),
        .init(label: "LoRA (kohya names)", names: ["lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight",
                                                   "lora_unet_down_blocks_0_attentions_0_proj_in.lora_up.weight",
                                                   "lora_unet_down_blocks_0_attentions_0_proj_in.alpha"], kind: .lora),
        .init(label: "LoRA (diffusers names)", names: ["unet.down_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q.lora.down.weight"],
              kind: .lora),
        .init(label: "VAE on its own (Stability names)", names: ["encoder.down.0.block.0.conv1.weight", "decoder.up.0.block.0.conv1.weight",
                                                                 "quant_conv.weight"], kind: .vaeOnly),
        .init(label: "VAE on its own (diffusers names)", names: ["encoder.down_blocks.0.resnets.0.conv1.weight",
                                                                 "decoder.up_blocks.0.resnets.0.conv1.weight"], kind: .vaeOnly),
        .init(label: "TAESD", names: ["encoder.layers.0.weight", "decoder.layers.0.weight"], kind: .tinyAutoencoder),
        .init(label: "unrelated tensors", names: ["transformer.h.0.attn.c_attn.weight"], kind: .unknown),
        .init(label: "no tensors at all", names: [], kind: .unknown),
    ]
}

@Suite(.serialized) struct HostileModelTests {
    static let base = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/tiny-sdxl/base")

    @Test(arguments: ModelIndexBomb.all)
    func modelIndexBombsAreRefused(_ bomb: ModelIndexBomb) throws {
        let folder = try HostileFiles.scratchFolder("index")
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = folder.appendingPathComponent("model_index.json")
        try bomb.contents().write(to: index)
        let started = Date()
        do {
            _ = try ModelLocation.resolve(folder.path, environment: [:]).open()
            Issue.record("\(bomb.label): the folder opened")
        } catch let error as ModelError {
            #expect(HostileFiles.caseName(error) == bomb.expected, "\(bomb.label): \(error)")
            #expect("\(error)".contains(index.path), "\(bomb.label): the message names the file: \(error)")
        }
        #expect(Date().timeIntervalSince(started) < 10, "\(bomb.label) took too long")
    }

    /// A pickle checkpoint is refused by its name alone: each one here is a FIFO, so opening it
    /// would block forever, and a refusal that comes back at once proves it was never opened.
    @Test(arguments: ["model.ckpt", "pytorch_model.bin", "weights.pt", "weights.pth", "state.pkl", "MODEL.CKPT"])
    func pickleCheckpointsAreRefusedUnopened(_ name: String) throws {
        let folder = try HostileFiles.scratchFolder("pickle")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        #expect(mkfifo(path, 0o600) == 0)
        let outcome = Outcome()
        let finished = finishes(within: 10) {
            do {
                _ = try ModelLocation.resolve(path, environment: [:]).open()
                outcome.set("opened")
            } catch let error as ModelError {
                outcome.set(HostileFiles.caseName(error) + ": \(error)")
            } catch {
                outcome.set("other error: \(error)")
            }
        }
        #expect(finished, "\(name): resolving a pickle checkpoint tried to open it")
        if !finished {
            // Unblock the reader so that the thread can end.
            let descriptor = open(path, O_WRONLY | O_NONBLOCK)
            if descriptor >= 0 { close(descriptor) }
        }
        let result = outcome.value
        #expect(result.hasPrefix("unsupportedFormat"), "\(name): \(result)")
        #expect(result.contains("pickle"), "\(name): the message says why: \(result)")
    }

    @Test(arguments: ForeignCheckpoint.all)
    func foreignCheckpointsAreNamedForWhatTheyAre(_ checkpoint: ForeignCheckpoint) throws {
        let folder = try HostileFiles.scratchFolder("foreign")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        try Data(HostileFiles.checkpoint(names: checkpoint.names)).write(to: url)
        #expect(CheckpointKind(tensorNames: checkpoint.names) == checkpoint.kind)
        do {
            _ = try ModelLocation.resolve(url.path, environment: [:]).open()
            Issue.record("\(checkpoint.label): the checkpoint opened")
        } catch let error as ModelError {
            #expect(error == .notSDXL(path: url.path, detected: checkpoint.kind.description), "\(checkpoint.label): \(error)")
        }
    }

    @Test func theGoodModelStillLoadsAfterwards() throws {
        let files = try ModelLocation.resolve(Self.base.path, environment: [:]).open()
        let inventory = try ModelInventory(files)
        #expect(inventory.components.count >= 4)
        #expect(inventory.components.allSatisfy { $0.parameterCount > 0 })
        let unetConfig = files.index.components["unet"]
        #expect(unetConfig == "UNet2DConditionModel")
        _ = try UNetConfig.load(path: try files.configURL(for: .unet).path).parameterCount(path: "unet")
        _ = try AutoencoderKLConfig.load(path: try files.configURL(for: .vae).path)
    }
}

/// A value set from another thread.
final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var text = "(nothing)"
    func set(_ value: String) { lock.withLock { text = value } }
    var value: String { lock.withLock { text } }
}
