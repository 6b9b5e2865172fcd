import Foundation

/// A size in pixels. The command line writes WIDTHxHEIGHT; diffusers' conditioning takes (height, width).
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
