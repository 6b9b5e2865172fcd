// The inference timesteps each scheduler family derives from `timestep_spacing`
// (set_timesteps in scheduling_euler_discrete.py, scheduling_ddim.py and
// scheduling_dpmsolver_multistep.py, diffusers 0.42.1). Highest noise first.

extension TimestepSpacing {
    /// Euler and Euler ancestral: float32 timesteps.
    func eulerTimesteps(count: Int, trainTimesteps: Int, stepsOffset: Int) -> [Float] {
        switch self {
        case .linspace:
            return NumPyCompat.linspace(0, Double(trainTimesteps - 1), count: count).reversed().map { Float($0) }
        case .leading:
            let ratio = trainTimesteps / count
            return (0..<count).reversed().map { Float(Double($0 * ratio)) + Float(stepsOffset) }
        case .trailing:
            return Self.trailing(from: trainTimesteps, trainTimesteps: trainTimesteps, count: count)
                .map { Float(NumPyCompat.round($0)) - 1 }
        }
    }

    /// DDIM: integer timesteps.
    func ddimTimesteps(count: Int, trainTimesteps: Int, stepsOffset: Int) -> [Int] {
        switch self {
        case .linspace:
            return NumPyCompat.linspace(0, Double(trainTimesteps - 1), count: count)
                .reversed().map { Int(NumPyCompat.round($0)) }
        case .leading:
            let ratio = trainTimesteps / count
            return (0..<count).reversed().map { $0 * ratio + stepsOffset }
        case .trailing:
            return Self.trailing(from: trainTimesteps, trainTimesteps: trainTimesteps, count: count)
                .map { Int(NumPyCompat.round($0)) - 1 }
        }
    }

    /// DPM-Solver: integer timesteps laid out on count + 1 points, the last one dropped;
    /// `lastTimestep` is num_train_timesteps less the steps clipped by lambda_min_clipped.
    func dpmSolverTimesteps(count: Int, trainTimesteps: Int, lastTimestep: Int, stepsOffset: Int) -> [Int] {
        switch self {
        case .linspace:
            return NumPyCompat.linspace(0, Double(lastTimestep - 1), count: count + 1)
                .reversed().dropLast().map { Int(NumPyCompat.round($0)) }
        case .leading:
            let ratio = lastTimestep / (count + 1)
            return (0...count).reversed().dropLast().map { $0 * ratio + stepsOffset }
        case .trailing:
            return Self.trailing(from: lastTimestep, trainTimesteps: trainTimesteps, count: count)
                .map { Int(NumPyCompat.round($0)) - 1 }
        }
    }

    /// np.arange(start, 0, -trainTimesteps / count); may hold one value more than `count`,
    /// as NumPy's does for some counts (e.g. 61 of 1000).
    private static func trailing(from start: Int, trainTimesteps: Int, count: Int) -> [Double] {
        NumPyCompat.arange(Double(start), 0, step: -(Double(trainTimesteps) / Double(count)))
    }
}
