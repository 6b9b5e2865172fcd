/// The colour model a PNG stores, from its IHDR chunk.
public enum PNGColorType: Int, Sendable, CustomStringConvertible {
    case gray = 0
    case rgb = 2
    case palette = 3
    case grayAlpha = 4
    case rgba = 6

    public var description: String {
        switch self {
        case .gray: return "grayscale"
        case .rgb: return "RGB"
        case .palette: return "palette"
        case .grayAlpha: return "grayscale with alpha"
        case .rgba: return "RGBA"
        }
    }
}

/// A PNG's header fields.
public struct PNGHeader: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var bitDepth: Int
    public var colorType: PNGColorType
    public var interlaced: Bool

    public init(width: Int, height: Int, bitDepth: Int, colorType: PNGColorType, interlaced: Bool) {
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorType = colorType
        self.interlaced = interlaced
    }
}

/// What a PNG says about itself without its pixels: header, text chunks (in file order) and the
/// warnings met while reading them (chunks skipped for limits, bad CRCs, text that was not UTF-8).
public struct PNGMetadata: Sendable, Equatable {
    public var header: PNGHeader
    public var text: [PNGTextChunk]
    public var warnings: [String]

    public init(header: PNGHeader, text: [PNGTextChunk], warnings: [String]) {
        self.header = header
        self.text = text
        self.warnings = warnings
    }
}

/// A decoded PNG: its pixels as 8-bit RGB and its metadata.
public struct PNGDecodedImage: Sendable, Equatable {
    public var image: RGBImage
    public var metadata: PNGMetadata

    public init(image: RGBImage, metadata: PNGMetadata) {
        self.image = image
        self.metadata = metadata
    }
}
