/// Everything that can go wrong in the Imaging module. Each description is one line that names
/// the file (or value) involved and says what to do about it.
public enum ImagingError: Error, CustomStringConvertible, Equatable, Sendable {
    // Reading files.
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case fileTooLarge(path: String, bytes: Int, limit: Int)
    case notPNG(path: String)
    case truncatedPNG(path: String, detail: String)
    case corruptPNG(path: String, detail: String)
    case imageTooLarge(path: String, width: Int, height: Int, limits: PNGReadLimits)

    // Pixels.
    case invalidImageSize(width: Int, height: Int)
    case pixelCountMismatch(width: Int, height: Int, expected: Int, actual: Int)
    case nonFiniteSample(channel: Int, x: Int, y: Int, value: Float)

    // Text chunks.
    case invalidTextKeyword(keyword: String, reason: String)
    case invalidTextValue(keyword: String, reason: String)

    // Writing files.
    case encodeFailed(path: String, detail: String)
    case writeFailed(path: String, operation: String, reason: String)
    case noFreeFileName(path: String, attempts: Int)

    // Generation parameters text.
    case invalidParameterKey(key: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open \(path): \(reason); check that the path exists and is readable"
        case let .readFailed(path, reason):
            return "cannot read \(path): \(reason); check the disk and try again"
        case let .fileTooLarge(path, bytes, limit):
            return "\(path) is \(bytes) bytes, more than the \(limit)-byte limit for PNG files; use a smaller image"
        case let .notPNG(path):
            return "\(path) is not a PNG file (no PNG signature); convert it to PNG first"
        case let .truncatedPNG(path, detail):
            return "\(path) is cut short (\(detail)); the file is incomplete, save or copy it again"
        case let .corruptPNG(path, detail):
            return "\(path) is not a valid PNG: \(detail); re-export the image with another program"
        case let .imageTooLarge(path, width, height, limits):
            return "\(path) is \(width)x\(height) pixels, more than the limit of \(limits.maxWidth)x\(limits.maxHeight) "
                + "and \(limits.maxPixels) pixels in all; downscale the image first"
        case let .invalidImageSize(width, height):
            return "image size \(width)x\(height) is invalid; width and height must be at least 1 and fit in memory"
        case let .pixelCountMismatch(width, height, expected, actual):
            return "a \(width)x\(height) image needs \(expected) values but \(actual) were given; pass a buffer of the right shape"
        case let .nonFiniteSample(channel, x, y, value):
            return "image value \(value) at channel \(channel), x \(x), y \(y) is not finite; "
                + "the decoder produced NaN or infinity, so no image was saved (try fp32 or other settings)"
        case let .invalidTextKeyword(keyword, reason):
            return "PNG text keyword \(Self.quoted(keyword)) is invalid: \(reason); use 1 to 79 printable Latin-1 characters"
        case let .invalidTextValue(keyword, reason):
            return "PNG text for keyword \(Self.quoted(keyword)) cannot be stored: \(reason)"
        case let .encodeFailed(path, detail):
            return "cannot encode \(path) as PNG: \(detail); check the image size and free memory"
        case let .writeFailed(path, operation, reason):
            return "cannot write \(path) (\(operation) failed: \(reason)); check the folder exists, is writable and has free space"
        case let .noFreeFileName(path, attempts):
            return "no free file name for \(path) after \(attempts) attempts; choose another name or folder"
        case let .invalidParameterKey(key, reason):
            return "generation parameter name \(Self.quoted(key)) is invalid: \(reason); use letters, digits, spaces, '-' or '/'"
        }
    }

    private static func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let escaped = shown.unicodeScalars.map { $0 == "\n" ? "\\n" : String($0) }.joined()
        return "\"" + escaped + "\""
    }
}
