// diffusers' FeedForward with activation "geglu" (diffusers 0.42.1, diffusers/models/attention.py
// and activations.py GEGLU): net.0.proj widens to 2 × 4 × dim, the first half is gated by GELU of
// the second half, net.2 projects back. Dropout (net.1) does nothing at inference.
import Tensors

public struct FeedForward: Sendable {
    public let projectIn: Linear     // ff.net.0.proj
    public let projectOut: Linear    // ff.net.2

    public static let widthMultiplier = 4

    public init(_ weights: WeightLoader, channels: Int) throws {
        let inner = channels * Self.widthMultiplier
        projectIn = try Linear(weights("net.0.proj"), inputs: channels, outputs: 2 * inner)
        projectOut = try Linear(weights("net.2"), inputs: inner, outputs: channels)
    }

    /// `x` [B, T, C] → [B, T, C].
    public func callAsFunction(_ x: Tensor) -> Tensor {
        projectOut(Kernels.geglu(projectIn(x)))     // [B, T, 8C] → [B, T, 4C] → [B, T, C]
    }
}
