import Foundation

/// The top-left corner of a crop, in pixels of the original image.
public struct CropOffset: Codable, Hashable, Sendable, CustomStringConvertible {
    public var top: Int
    public var left: Int

    public init(top: Int, left: Int) {
        self.top = top
        self.left = left
    }

    public static let zero = CropOffset(top: 0, left: 0)

    /// "TOP,LEFT" → top, left; nil unless both are non-negative integers.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let top = Int(parts[0]), let left = Int(parts[1]), top >= 0, left >= 0 else { return nil }
        self.init(top: top, left: left)
    }

    public var description: String { "\(top),\(left)" }
}
