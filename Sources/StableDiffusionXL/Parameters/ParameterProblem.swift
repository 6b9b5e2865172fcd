// One thing wrong with a GenerationParameters value, phrased for the person who set it.

public struct ParameterProblem: Hashable, Sendable, CustomStringConvertible {
    /// The setting at fault, by its JSON key (`guidance_scale`, `width`, …).
    public var setting: String
    /// What is wrong and what to do, in one line.
    public var message: String

    public init(_ setting: String, _ message: String) {
        self.setting = setting
        self.message = message
    }

    public var description: String { "\(setting): \(message)" }
}
