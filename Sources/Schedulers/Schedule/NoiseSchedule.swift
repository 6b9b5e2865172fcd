// The training noise schedule shared by all samplers: betas, cumulative alphas and the sigma table,
// in float32 as diffusers builds them with torch (scheduling_euler_discrete.py and siblings,
// diffusers 0.42.1, torch 2.15).
import Foundation

public struct NoiseSchedule: Sendable, Equatable {
    /// num_train_timesteps.
    public let trainTimesteps: Int
    /// ᾱ_t for t = 0..<trainTimesteps (torch.cumprod over float32 alphas, accumulated in double).
    public let alphasCumprod: [Float]

    /// Builds betas and ᾱ from the config. `pinTerminalAlpha` mirrors the samplers that set
    /// ᾱ_T = 2^-24 after zero-terminal-SNR rescaling (Euler, Euler ancestral, DPM-Solver).
    init(config: SchedulerConfig, sampler: String, pinTerminalAlpha: Bool) throws {
        let count = config.numTrainTimesteps ?? 1000
        var betas = try Self.betas(config: config, count: count, sampler: sampler)
        let rescale = config.rescaleBetasZeroSnr ?? false
        if rescale { betas = Self.rescaledToZeroTerminalSNR(betas) }
        var cumulative = Self.cumulativeProduct(betas.map { Float(1) - $0 })
        if rescale && pinTerminalAlpha { cumulative[count - 1] = Float(bitPattern: 0x3380_0000) }  // 2^-24
        trainTimesteps = count
        alphasCumprod = cumulative
    }

    /// σ_t = sqrt((1 - ᾱ_t) / ᾱ_t), float32 as torch computes it.
    public var sigmaTable: [Float] {
        alphasCumprod.map { alpha in ((1 - alpha) / alpha).squareRoot() }
    }

    // MARK: - Betas

    private static func betas(config: SchedulerConfig, count: Int, sampler: String) throws -> [Float] {
        if let trained = config.trainedBetas {
            guard trained.count == count else {
                throw SchedulerError.invalidValue(key: "trained_betas", value: "\(trained.count) values",
                                                  expected: "num_train_timesteps = \(count) values")
            }
            return trained.map { Float($0) }
        }
        let start = config.betaStart ?? 0.0001
        let end = config.betaEnd ?? 0.02
        switch config.betaSchedule ?? .linear {
        case .linear:
            return torchLinspace(Float(start), Float(end), count: count)
        case .scaledLinear:
            // Python's `beta_start**0.5` is pow(x, 0.5).
            return torchLinspace(Float(pow(start, 0.5)), Float(pow(end, 0.5)), count: count).map { $0 * $0 }
        case .squaredCosineCapV2:
            return cosineBetas(count: count)
        }
    }

    /// torch.linspace(start, end, count, dtype=float32): the first half counts up from `start`, the
    /// second half counts down from `end`, each value one fused multiply-add, as torch's AVX2 and
    /// AVX-512 builds compute it (its portable build rounds the product first, which can move a beta
    /// by one unit in the last place).
    static func torchLinspace(_ start: Float, _ end: Float, count: Int) -> [Float] {
        if count == 1 { return [start] }
        let step = (end - start) / Float(count - 1)
        let halfway = count / 2
        return (0..<count).map { i in
            i < halfway ? start.addingProduct(step, Float(i)) : end.addingProduct(-step, Float(count - i - 1))
        }
    }

    /// betas_for_alpha_bar with the cosine transform (Python floats, then float32).
    private static func cosineBetas(count: Int, maxBeta: Double = 0.999) -> [Float] {
        func alphaBar(_ t: Double) -> Double {
            let c = cos((t + 0.008) / 1.008 * Double.pi / 2)
            return c * c
        }
        return (0..<count).map { i in
            let t1 = Double(i) / Double(count)
            let t2 = Double(i + 1) / Double(count)
            return Float(min(1 - alphaBar(t2) / alphaBar(t1), maxBeta))
        }
    }

    /// rescale_zero_terminal_snr (arXiv 2305.08891, Algorithm 1), in float32 torch operations.
    /// torch's `Tensor.sqrt` is MKL's, not always correctly rounded, so a few results can differ from
    /// diffusers by an ulp or two.
    static func rescaledToZeroTerminalSNR(_ betas: [Float]) -> [Float] {
        let cumulative = cumulativeProduct(betas.map { Float(1) - $0 })
        var roots = cumulative.map { $0.squareRoot() }
        let first = roots[0]
        let last = roots[roots.count - 1]
        let scale = first / (first - last)
        roots = roots.map { ($0 - last) * scale }
        let alphasBar = roots.map { $0 * $0 }
        var alphas = [alphasBar[0]]
        for t in 1..<alphasBar.count { alphas.append(alphasBar[t] / alphasBar[t - 1]) }
        return alphas.map { Float(1) - $0 }
    }

    /// torch.cumprod on float32 CPU tensors: the running product is kept in double.
    static func cumulativeProduct(_ values: [Float]) -> [Float] {
        var running = 1.0
        return values.map { value in
            running *= Double(value)
            return Float(running)
        }
    }
}
