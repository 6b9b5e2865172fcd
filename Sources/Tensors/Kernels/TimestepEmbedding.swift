// Sinusoidal timestep embedding, as diffusers' get_timestep_embedding
// (diffusers/models/embeddings.py), computed in Float32 like the reference.
import Foundation

extension Kernels {
    /// `timesteps` [N] → [N, dimension]: sin and cos of t·exp(−ln(maxPeriod)·i/(half − shift)).
    public static func timestepEmbedding(_ timesteps: [Float], dimension: Int,
                                         flipSinToCos: Bool, downscaleFrequencyShift: Float,
                                         scale: Float = 1, maxPeriod: Float = 10_000) -> Tensor {
        let half = dimension / 2
        let result = Tensor(zeros: [timesteps.count, dimension])
        let logPeriod = -Float(log(Double(maxPeriod)))
        let frequencies = (0..<half).map { i in
            expf(Float(i) * logPeriod / (Float(half) - downscaleFrequencyShift))
        }
        for (row, t) in timesteps.enumerated() {
            let out = result.storage.pointer + row * dimension
            for i in 0..<half {
                let argument = scale * (t * frequencies[i])
                let (first, second) = flipSinToCos ? (cosf(argument), sinf(argument)) : (sinf(argument), cosf(argument))
                out[i] = first
                out[half + i] = second
            }
        }
        return result
    }
}
