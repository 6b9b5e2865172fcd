// diffusers' Attention (diffusers/models/attention_processor.py, AttnProcessor2_0), the
// projections around multi-head attention used by the UNet's transformer blocks and the
// VAE's mid-block. Checkpoint names: to_q, to_k, to_v, to_out.0; group_norm in the VAE.
import Tensors

public struct Attention: Sendable {
    public let heads: Int
    public let toQuery: Linear, toKey: Linear, toValue: Linear, toOut: Linear
    /// The VAE variant normalises its image input and adds it back at the end.
    public let groupNorm: GroupNorm?

    /// - Parameters:
    ///   - queryChannels: channels of the input (and the output).
    ///   - contextChannels: channels of the cross-attention context; nil for self-attention.
    ///   - headWidth: channels per head; heads × headWidth is the inner width.
    public init(_ weights: WeightLoader, queryChannels: Int, contextChannels: Int? = nil,
                heads: Int, headWidth: Int, projectionBias: Bool,
                groupNorm: (groups: Int, epsilon: Float)? = nil) throws {
        self.heads = heads
        let inner = heads * headWidth
        toQuery = try Linear(weights("to_q"), inputs: queryChannels, outputs: inner, bias: projectionBias)
        toKey = try Linear(weights("to_k"), inputs: contextChannels ?? queryChannels, outputs: inner, bias: projectionBias)
        toValue = try Linear(weights("to_v"), inputs: contextChannels ?? queryChannels, outputs: inner, bias: projectionBias)
        toOut = try Linear(weights("to_out.0"), inputs: inner, outputs: queryChannels)
        if let groupNorm {
            self.groupNorm = try GroupNorm(weights("group_norm"), groups: groupNorm.groups,
                                           channels: queryChannels, epsilon: groupNorm.epsilon)
        } else {
            self.groupNorm = nil
        }
    }

    /// `x` [B, T, C] attending to `context` [B, S, C'] (or to itself) → [B, T, C].
    public func callAsFunction(_ x: Tensor, context: Tensor? = nil) -> Tensor {
        let query = toQuery(x)
        let source = context ?? x
        let attended = Kernels.attention(query: query, key: toKey(source), value: toValue(source), heads: heads)
        return toOut(attended)
    }

    /// The VAE form: `image` [B, C, H, W] → group norm → self-attention over H·W → + image.
    public func imageSelfAttention(_ image: Tensor) -> Tensor {
        let (batch, channels, height, width) = (image.shape[0], image.shape[1], image.shape[2], image.shape[3])
        let normalised = groupNorm.map { $0(image) } ?? image
        let tokens = Kernels.transposeLastTwo(normalised.reshaped([batch, channels, height * width])) // [B, HW, C]
        let attended = self(tokens)
        let back = Kernels.transposeLastTwo(attended).reshaped(image.shape)                           // [B, C, H, W]
        return Kernels.add(back, image)
    }
}
