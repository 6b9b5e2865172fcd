// transformers 5.24.0, models/clip/modeling_clip.py, `CLIPEncoderLayer` (pre-norm):
// x + attn(layer_norm1(x)), then h + mlp(layer_norm2(h)).
import Tensors

/// Checkpoint names under `encoder.layers.N`: `layer_norm1`, `self_attn`, `layer_norm2`, `mlp`.
public struct CLIPEncoderLayer: Sendable {
    public let layerNorm1: LayerNorm, selfAttention: CLIPAttention
    public let layerNorm2: LayerNorm, mlp: CLIPMLP

    public init(_ weights: WeightLoader, config: CLIPTextConfig, activation: CLIPActivation) throws {
        let width = config.hiddenSize, epsilon = Float(config.layerNormEps)
        layerNorm1 = try LayerNorm(weights("layer_norm1"), channels: width, epsilon: epsilon)
        selfAttention = try CLIPAttention(weights("self_attn"), width: width, heads: config.numAttentionHeads)
        layerNorm2 = try LayerNorm(weights("layer_norm2"), channels: width, epsilon: epsilon)
        mlp = try CLIPMLP(weights("mlp"), width: width, innerWidth: config.intermediateSize, activation: activation)
    }

    /// [B, T, D] → [B, T, D]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let attended = Kernels.add(x, selfAttention(layerNorm1(x)))  // [B, T, D]
        return Kernels.add(attended, mlp(layerNorm2(attended)))      // [B, T, D]
    }
}
