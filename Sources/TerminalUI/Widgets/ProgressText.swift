/// Words and numbers for a running task: "step 12/30 · 1.4 it/s · ETA 0:17".
public enum ProgressText {
    /// The separator between the parts (" · ").
    public static let separator = " \u{00B7} "

    /// `completed` of `total` steps, the speed (shown as "it/s", or as "s/it" below one step per
    /// second) and the time left, each omitted when unknown.
    public static func steps(completed: Int, total: Int, stepsPerSecond: Double? = nil,
                             secondsRemaining: Double? = nil) -> String {
        var parts = ["step \(completed)/\(total)"]
        if let rate = stepsPerSecond, rate.isFinite, rate > 0 {
            parts.append(rate >= 1 ? "\(oneDecimal(rate)) it/s" : "\(oneDecimal(1 / rate)) s/it")
        }
        if let seconds = secondsRemaining, seconds.isFinite, seconds >= 0 {
            parts.append("ETA \(duration(seconds))")
        }
        return parts.joined(separator: separator)
    }

    /// "0:17", "12:05", "1:02:03": minutes and seconds, with hours when needed; rounded up to
    /// whole seconds so that a countdown reaches 0:00 only at the end.
    public static func duration(_ seconds: Double) -> String {
        let total = seconds.isFinite ? max(0, Int(seconds.rounded(.up))) : 0
        let hours = total / 3600, minutes = (total % 3600) / 60, rest = total % 60
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        if hours > 0 { return "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" }
        return "\(minutes):\(twoDigits(rest))"
    }

    /// One digit after the point, rounded half away from zero ("1.4", "12.0").
    public static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
