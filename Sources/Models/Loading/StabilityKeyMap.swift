// Names in Stability's original single-file checkpoints (sd_xl_base_1.0.safetensors,
// sd_xl_refiner_1.0.safetensors) → diffusers' names, the ones the networks load by.
// Matches the layout that diffusers' single-file loader converts
// (diffusers 0.42 loaders/single_file_utils.py): UNet input/middle/output blocks,
// the VAE's down/mid/up with reversed up levels, CLIP-L in Hugging Face naming, and
// OpenCLIP ViT-bigG with a fused attention projection and a transposed text projection.

/// How a diffusers tensor is made from a checkpoint tensor.
public enum KeyTransform: Sendable, Equatable {
    case identity
    /// A 1×1 convolution [C, C, 1, 1] used as a linear layer [C, C] (the VAE's mid attention).
    case squeezeConvolution
    /// A matrix stored transposed (OpenCLIP's text_projection).
    case transpose
    /// Part `index` of `count` equal row blocks (q, k, v of OpenCLIP's in_proj).
    case rowBlock(index: Int, count: Int)
}

/// One diffusers tensor and where it comes from.
public struct MappedKey: Sendable, Equatable {
    public let name: String
    public let source: String
    public let transform: KeyTransform

    public init(name: String, source: String, transform: KeyTransform) {
        self.name = name
        self.source = source
        self.transform = transform
    }
}

public enum StabilityKeyMap {
    /// The component a single-file key belongs to, with the checkpoint prefix removed.
    public enum Component: String, Sendable, CaseIterable {
        case unet, vae, textEncoder = "text_encoder", textEncoder2 = "text_encoder_2"
    }

    // MARK: UNet

    /// `input_blocks.4.1.proj_in.weight` → `down_blocks.1.attentions.0.proj_in.weight`.
    /// `layersPerBlock` is the UNet config's value (2 for SDXL).
    public static func unetName(_ key: String, layersPerBlock: Int) -> String? {
        var parts = key.split(separator: ".").map(String.init)
        guard let head = parts.first else { return nil }
        let stride = layersPerBlock + 1
        switch head {
        case "time_embed":
            return renamedSequential(parts, to: "time_embedding", linears: ["0": "linear_1", "2": "linear_2"])
        case "label_emb":
            // label_emb.0.{0,2} → add_embedding.linear_{1,2}
            guard parts.count >= 4, parts[1] == "0" else { return nil }
            parts.removeFirst()
            return renamedSequential(parts, to: "add_embedding", linears: ["0": "linear_1", "2": "linear_2"])
        case "out":
            guard parts.count >= 3 else { return nil }
            let name = ["0": "conv_norm_out", "2": "conv_out"][parts[1]]
            return name.map { ([$0] + parts[2...]).joined(separator: ".") }
        case "input_blocks":
            guard parts.count >= 4, let block = Int(parts[1]), let layer = Int(parts[2]) else { return nil }
            if block == 0 {
                return (["conv_in"] + parts[3...]).joined(separator: ".")
            }
            let level = (block - 1) / stride, position = (block - 1) % stride
            let rest = Array(parts[3...])
            if position == layersPerBlock {
                // The downsampler closing a level: input_blocks.N.0.op → downsamplers.0.conv
                guard rest.first == "op" else { return nil }
                return (["down_blocks", "\(level)", "downsamplers", "0", "conv"] + rest.dropFirst()).joined(separator: ".")
            }
            return blockChild("down_blocks", level: level, index: position, layer: layer, rest: rest)
        case "middle_block":
            guard parts.count >= 4, let layer = Int(parts[1]) else { return nil }
            let rest = Array(parts[2...])
            switch layer {
            case 0: return (["mid_block", "resnets", "0"] + renamedResnet(rest)).joined(separator: ".")
            case 1: return (["mid_block", "attentions", "0"] + rest).joined(separator: ".")
            case 2: return (["mid_block", "resnets", "1"] + renamedResnet(rest)).joined(separator: ".")
            default: return nil
            }
        case "output_blocks":
            guard parts.count >= 4, let block = Int(parts[1]), let layer = Int(parts[2]) else { return nil }
            let level = block / stride, position = block % stride
            let rest = Array(parts[3...])
            // The upsampler is the last child of a level's final block: `…N.1.conv` or `…N.2.conv`.
            if layer > 0, rest.first == "conv", rest.count == 2 {
                return (["up_blocks", "\(level)", "upsamplers", "0", "conv", rest[1]]).joined(separator: ".")
            }
            return blockChild("up_blocks", level: level, index: position, layer: layer, rest: rest)
        default:
            return nil
        }
    }

    private static func blockChild(_ blocks: String, level: Int, index: Int, layer: Int, rest: [String]) -> String? {
        switch layer {
        case 0: return ([blocks, "\(level)", "resnets", "\(index)"] + renamedResnet(rest)).joined(separator: ".")
        case 1: return ([blocks, "\(level)", "attentions", "\(index)"] + rest).joined(separator: ".")
        default: return nil
        }
    }

    /// A ResNet block's children: in_layers.0 → norm1, in_layers.2 → conv1, emb_layers.1 →
    /// time_emb_proj, out_layers.0 → norm2, out_layers.3 → conv2, skip_connection → conv_shortcut.
    private static func renamedResnet(_ rest: [String]) -> [String] {
        guard let first = rest.first else { return rest }
        let pairs: [String: String] = ["in_layers.0": "norm1", "in_layers.2": "conv1", "emb_layers.1": "time_emb_proj",
                                       "out_layers.0": "norm2", "out_layers.3": "conv2"]
        if first == "skip_connection" { return ["conv_shortcut"] + rest.dropFirst() }
        if rest.count >= 2, let name = pairs["\(first).\(rest[1])"] { return [name] + rest.dropFirst(2) }
        return rest
    }

    private static func renamedSequential(_ parts: [String], to module: String, linears: [String: String]) -> String? {
        guard parts.count >= 3, let linear = linears[parts[1]] else { return nil }
        return ([module, linear] + parts[2...]).joined(separator: ".")
    }

    // MARK: VAE

    /// `encoder.down.1.block.0.nin_shortcut.weight` → `encoder.down_blocks.1.resnets.0.conv_shortcut.weight`;
    /// decoder levels are numbered in reverse (`decoder.up.3` is diffusers' `decoder.up_blocks.0`).
    public static func vaeName(_ key: String, levels: Int) -> (String, KeyTransform)? {
        let parts = key.split(separator: ".").map(String.init)
        guard let head = parts.first else { return nil }
        switch head {
        case "quant_conv", "post_quant_conv":
            return (key, .identity)
        case "encoder", "decoder":
            guard parts.count >= 3 else { return nil }
            let rest = Array(parts[1...])
            guard let mapped = vaeCoderName(rest, decoder: head == "decoder", levels: levels) else { return nil }
            return ((([head] + mapped.0).joined(separator: ".")), mapped.1)
        default:
            return nil
        }
    }

    private static func vaeCoderName(_ parts: [String], decoder: Bool, levels: Int) -> ([String], KeyTransform)? {
        switch parts[0] {
        case "conv_in", "conv_out":
            return (parts, .identity)
        case "norm_out":
            return (["conv_norm_out"] + parts.dropFirst(), .identity)
        case "down", "up":
            guard parts.count >= 4, let level = Int(parts[1]) else { return nil }
            let diffusersLevel = decoder ? levels - 1 - level : level
            let blocks = decoder ? "up_blocks" : "down_blocks"
            switch parts[2] {
            case "block":
                return ([blocks, "\(diffusersLevel)", "resnets", parts[3]] + renamedVAEResnet(Array(parts[4...])), .identity)
            case "downsample", "upsample":
                let sampler = decoder ? "upsamplers" : "downsamplers"
                return ([blocks, "\(diffusersLevel)", sampler, "0"] + parts[3...], .identity)
            default:
                return nil
            }
        case "mid":
            guard parts.count >= 3 else { return nil }
            switch parts[1] {
            case "block_1": return (["mid_block", "resnets", "0"] + renamedVAEResnet(Array(parts[2...])), .identity)
            case "block_2": return (["mid_block", "resnets", "1"] + renamedVAEResnet(Array(parts[2...])), .identity)
            case "attn_1":
                let names = ["norm": "group_norm", "q": "to_q", "k": "to_k", "v": "to_v", "proj_out": "to_out.0"]
                guard let name = names[parts[2]] else { return nil }
                let transform: KeyTransform = (name == "group_norm" || parts.last == "bias") ? .identity : .squeezeConvolution
                return (["mid_block", "attentions", "0", name] + parts[3...], transform)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    private static func renamedVAEResnet(_ rest: [String]) -> [String] {
        rest.first == "nin_shortcut" ? ["conv_shortcut"] + rest.dropFirst() : rest
    }

    // MARK: OpenCLIP ViT-bigG

    /// `transformer.resblocks.3.attn.in_proj_weight` → the q, k and v projections of layer 3, etc.
    public static func openCLIPNames(_ key: String) -> [MappedKey] {
        let parts = key.split(separator: ".").map(String.init)
        let encoder = "text_model.encoder.layers"
        switch key {
        case "token_embedding.weight":
            return [MappedKey(name: "text_model.embeddings.token_embedding.weight", source: key, transform: .identity)]
        case "positional_embedding":
            return [MappedKey(name: "text_model.embeddings.position_embedding.weight", source: key, transform: .identity)]
        case "text_projection":
            return [MappedKey(name: "text_projection.weight", source: key, transform: .transpose)]
        case "ln_final.weight", "ln_final.bias":
            return [MappedKey(name: "text_model.final_layer_norm.\(parts[1])", source: key, transform: .identity)]
        default:
            break
        }
        guard parts.count >= 5, parts[0] == "transformer", parts[1] == "resblocks", let layer = Int(parts[2]) else { return [] }
        let prefix = "\(encoder).\(layer)"
        let inner = parts[3...].joined(separator: ".")
        switch inner {
        case "attn.in_proj_weight", "attn.in_proj_bias":
            let kind = inner.hasSuffix("weight") ? "weight" : "bias"
            return ["q_proj", "k_proj", "v_proj"].enumerated().map { index, projection in
                MappedKey(name: "\(prefix).self_attn.\(projection).\(kind)", source: key,
                          transform: .rowBlock(index: index, count: 3))
            }
        default:
            let renames = ["ln_1": "layer_norm1", "ln_2": "layer_norm2", "attn.out_proj": "self_attn.out_proj",
                           "mlp.c_fc": "mlp.fc1", "mlp.c_proj": "mlp.fc2"]
            for (from, to) in renames where inner.hasPrefix(from + ".") {
                return [MappedKey(name: "\(prefix).\(to)\(inner.dropFirst(from.count))", source: key, transform: .identity)]
            }
            return []
        }
    }
}
