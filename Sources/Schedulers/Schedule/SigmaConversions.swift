// Sigma-space helpers shared by Euler and DPM-Solver: the Karras et al. (2022) schedule and the
// sigma-to-timestep interpolation (`_convert_to_karras`, `_sigma_to_t` in diffusers 0.42.1).
import Foundation

enum SigmaConversions {
    /// Karras sigmas from `sigmaMax` down to `sigmaMin`, `count` values, rho = 7 (float64).
    static func karras(sigmaMin: Double, sigmaMax: Double, count: Int, rho: Double = 7) -> [Double] {
        let ramp = NumPyCompat.linspace(0, 1, count: count)
        let minInverse = pow(sigmaMin, 1 / rho)
        let maxInverse = pow(sigmaMax, 1 / rho)
        let span = minInverse - maxInverse
        return ramp.map { pow(maxInverse + $0 * span, rho) }
    }

    /// The fractional training timestep whose sigma is `sigma`, interpolating linearly in log-sigma
    /// between neighbouring entries of the table (`logSigmas` ascending with t).
    static func timestep(forSigma sigma: Double, logSigmas: [Float]) -> Double {
        let logSigma = log(max(sigma, 1e-10))
        // Index of the first maximum of the running count of table entries <= logSigma.
        var running = 0, best = 0, lowIndex = 0
        for (t, entry) in logSigmas.enumerated() {
            if logSigma - Double(entry) >= 0 { running += 1 }
            if running > best { best = running; lowIndex = t }
        }
        lowIndex = min(lowIndex, logSigmas.count - 2)
        let highIndex = lowIndex + 1
        let low = Double(logSigmas[lowIndex])
        let high = Double(logSigmas[highIndex])
        let weight = min(max((low - logSigma) / (low - high), 0), 1)
        return (1 - weight) * Double(lowIndex) + weight * Double(highIndex)
    }

    /// log of each float32 sigma, in float32.
    static func logSigmas(_ table: [Float]) -> [Float] { table.map { log($0) } }
}
