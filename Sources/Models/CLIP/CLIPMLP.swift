// transformers 5.24.0, models/clip/modeling_clip.py, `CLIPMLP`: fc1 → activation → fc2.
import Tensors

/// The MLP activations of CLIP text encoders (transformers' ACT2FN names).
public enum CLIPActivation: String, Sendable {
    /// x·σ(1.702·x), OpenAI CLIP (ViT-L/14).
    case quickGELU = "quick_gelu"
    /// The exact erf GELU, OpenCLIP (ViT-bigG/14).
    case gelu

    func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .quickGELU: Kernels.quickGELU(x)
        case .gelu: Kernels.gelu(x)
        }
    }
}

/// Checkpoint names: `mlp.fc1`, `mlp.fc2`.
public struct CLIPMLP: Sendable {
    public let fc1: Linear, fc2: Linear
    public let activation: CLIPActivation

    public init(_ weights: WeightLoader, width: Int, innerWidth: Int, activation: CLIPActivation) throws {
        fc1 = try Linear(weights("fc1"), inputs: width, outputs: innerWidth)
        fc2 = try Linear(weights("fc2"), inputs: innerWidth, outputs: width)
        self.activation = activation
    }

    /// [B, T, D] → [B, T, D]
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let hidden = activation(fc1(x))  // [B, T, intermediate]
        return fc2(hidden)               // [B, T, D]
    }
}
