// The few NumPy routines diffusers' set_timesteps relies on, with NumPy's own arithmetic
// (numpy/_core/function_base.py linspace, multiarray arange + DOUBLE_fill, compiled interp),
// so that schedules match value for value.

enum NumPyCompat {
    /// `np.linspace(start, stop, num)` in float64: `i * step + start`, the last value set to `stop`.
    static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        let divisions = count - 1
        let delta = stop - start
        var values = [Double](repeating: 0, count: count)
        if divisions > 0 {
            let step = delta / Double(divisions)
            for i in 0..<count {
                values[i] = (step == 0 ? Double(i) / Double(divisions) * delta : Double(i) * step) + start
            }
            values[count - 1] = stop
        } else {
            values[0] = 0 * delta + start
        }
        return values
    }

    /// `np.arange(start, stop, step)` in float64: ceil((stop - start) / step) values
    /// `start + i * delta`, where delta = (start + step) - start.
    static func arange(_ start: Double, _ stop: Double, step: Double) -> [Double] {
        let length = Int(max(((stop - start) / step).rounded(.up), 0))
        guard length > 0 else { return [] }
        let delta = (start + step) - start
        return (0..<length).map { i in i == 0 ? start : start + Double(i) * delta }
    }

    /// `np.interp(x, np.arange(table.count), table)`.
    static func interpolateOnUnitGrid(_ x: Double, table: [Double]) -> Double {
        let last = table.count - 1
        if x < 0 { return table[0] }
        if x >= Double(last) { return table[last] }
        let j = Int(x.rounded(.down))
        if Double(j) == x { return table[j] }
        let slope = (table[j + 1] - table[j]) / 1.0
        return slope * (x - Double(j)) + table[j]
    }

    /// `np.round` (half to even).
    static func round(_ x: Double) -> Double { x.rounded(.toNearestOrEven) }
}
