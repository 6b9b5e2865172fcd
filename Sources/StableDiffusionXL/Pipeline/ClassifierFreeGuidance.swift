// Classifier-free guidance as diffusers 0.42 applies it in the SDXL pipelines
// (pipeline_stable_diffusion_xl.py, "perform guidance"): the UNet's [negative, positive] output is
// split, combined as uncond + scale · (text − uncond), and optionally rescaled with
// rescale_noise_cfg (Lin et al. 2023, §3.4). Each float operation follows the torch expression,
// one tensor operation at a time, so that the rounding is the same.
import Foundation
import Tensors

public struct ClassifierFreeGuidance: Sendable {
    /// `guidance_scale`.
    public var scale: Float
    /// `guidance_rescale`; 0 turns rescaling off.
    public var rescale: Double

    public init(scale: Double, rescale: Double) {
        self.scale = Float(scale)
        self.rescale = rescale
    }

    /// `output` [2, C, H, W] (negative first) → the guided noise prediction [1, C, H, W].
    public func callAsFunction(_ output: Tensor) -> Tensor {
        precondition(output.rank == 4 && output.shape[0] == 2, "guidance needs a [2, C, H, W] batch, got \(output.shape)")
        let half = output.count / 2
        var shape = output.shape
        shape[0] = 1
        var guided = Tensor(uninitializedShape: shape)
        let uncond = output.storage.pointer, text = output.storage.pointer + half
        let scale = scale
        guided.withUnsafeMutableBufferPointer { result in
            for i in 0..<half {
                let difference = text[i] - uncond[i]
                let scaled = scale * difference
                result[i] = uncond[i] + scaled
            }
        }
        guard rescale > 0 else { return guided }
        return rescaled(guided, text: UnsafeBufferPointer(start: text, count: half))
    }

    /// rescale_noise_cfg: the guided prediction scaled to the text prediction's standard deviation
    /// (over all dimensions but the batch, with Bessel's correction as torch.std), mixed back by
    /// `rescale`.
    func rescaled(_ guided: Tensor, text: UnsafeBufferPointer<Float>) -> Tensor {
        let textDeviation = Float(Self.standardDeviation(text))
        let guidedDeviation = guided.withUnsafeBufferPointer { Float(Self.standardDeviation($0)) }
        let ratio = textDeviation / guidedDeviation
        let mix = Float(rescale), keep = Float(1 - rescale)
        var result = Tensor(uninitializedShape: guided.shape)
        guided.withUnsafeBufferPointer { cfg in
            result.withUnsafeMutableBufferPointer { out in
                for i in 0..<cfg.count {
                    let rescaledValue = cfg[i] * ratio
                    let mixed = mix * rescaledValue
                    let kept = keep * cfg[i]
                    out[i] = mixed + kept
                }
            }
        }
        return result
    }

    /// Sample standard deviation (n − 1 in the denominator), accumulated in double precision.
    static func standardDeviation(_ values: UnsafeBufferPointer<Float>) -> Double {
        let count = values.count
        guard count > 1 else { return .nan }
        var mean = 0.0
        for value in values { mean += Double(value) }
        mean /= Double(count)
        var squares = 0.0
        for value in values {
            let deviation = Double(value) - mean
            squares += deviation * deviation
        }
        return (squares / Double(count - 1)).squareRoot()
    }
}
