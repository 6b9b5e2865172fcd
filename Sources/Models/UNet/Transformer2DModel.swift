// diffusers' Transformer2DModel for continuous inputs with use_linear_projection (diffusers 0.42.1,
// diffusers/models/transformers/transformer_2d.py): GroupNorm (eps 1e-6) → tokens [B, HW, C] →
// proj_in → BasicTransformerBlocks → proj_out → image → + input.
import Tensors

public struct Transformer2DModel: Sendable {
    public let norm: GroupNorm
    public let projIn: Linear
    public let transformerBlocks: [BasicTransformerBlock]
    public let projOut: Linear

    /// - Parameter contextSlots: the next free `CrossAttentionContext` slot; advanced by `depth`.
    public init(_ weights: WeightLoader, channels: Int, heads: Int, depth: Int, contextChannels: Int,
                groups: Int, contextSlots: inout Int) throws {
        norm = try GroupNorm(weights("norm"), groups: groups, channels: channels,
                             epsilon: UNetLayout.transformerGroupNormEpsilon)
        projIn = try Linear(weights("proj_in"), inputs: channels, outputs: channels)
        var blocks: [BasicTransformerBlock] = []
        for index in 0..<depth {
            blocks.append(try BasicTransformerBlock(weights("transformer_blocks.\(index)"), channels: channels,
                                                    heads: heads, contextChannels: contextChannels,
                                                    contextSlot: contextSlots))
            contextSlots += 1
        }
        transformerBlocks = blocks
        projOut = try Linear(weights("proj_out"), inputs: channels, outputs: channels)
    }

    /// `x` [B, C, H, W] → [B, C, H, W]; `shouldContinue` is polled after each transformer block.
    public func callAsFunction(_ x: Tensor, context: CrossAttentionContext,
                               shouldContinue: () -> Bool) throws -> Tensor {
        let (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let normalised = norm(x).reshaped([batch, channels, height * width])
        var tokens = projIn(Kernels.transposeLastTwo(normalised))                    // [B, HW, C]
        for block in transformerBlocks {
            tokens = block(tokens, context: context)
            try stopIfCancelled(shouldContinue)
        }
        let image = Kernels.transposeLastTwo(projOut(tokens)).reshaped(x.shape)      // [B, C, H, W]
        return Kernels.add(image, x)
    }
}
