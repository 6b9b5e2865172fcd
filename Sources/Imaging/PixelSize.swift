/// A size in pixels. Text writes it WIDTHxHEIGHT ("1024x768"), as the command line and the
/// web UI's "Size" do; diffusers' conditioning takes the same values as (height, width).
public struct PixelSize: Codable, Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// "1024x768" → width 1024, height 768; nil unless both are positive integers.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0 else {
            return nil
        }
        self.init(width: width, height: height)
    }

    public var description: String { "\(width)x\(height)" }
}
