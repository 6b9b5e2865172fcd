import Foundation

/// PNG files on disk.
public enum PNGFile {
    /// Decodes the PNG at `url` to 8-bit RGB with its text chunks (see `PNGCodec.decode`).
    public static func read(_ url: URL, limits: PNGReadLimits = .default) throws -> PNGDecodedImage {
        let path = url.path
        let bytes = try FileByteSource(path: path).readAll(maxBytes: limits.maxFileBytes)
        return try PNGCodec.decode(bytes, limits: limits, name: path)
    }

    /// Reads the header and text chunks of the PNG at `url` without reading its image data.
    public static func readMetadata(_ url: URL, limits: PNGReadLimits = .default) throws -> PNGMetadata {
        let path = url.path
        return try PNGCodec.readMetadata(FileByteSource(path: path), limits: limits, name: path)
    }

    /// Writes `image` with `text` chunks to `url` atomically (a reader sees the old file or the
    /// whole new one). With `.keep`, an existing file is never replaced: the first free name of
    /// `name.png`, `name-1.png`, `name-2.png`… is used. Returns the URL written.
    @discardableResult
    public static func write(_ image: RGBImage, text: [PNGTextChunk] = [], to url: URL,
                             existing: ExistingFilePolicy = .replace, compressionLevel: Int = 6) throws -> URL {
        let bytes = try PNGCodec.encode(image, text: text, compressionLevel: compressionLevel, name: url.path)
        switch existing {
        case .replace:
            try AtomicFile.writeAtomically(data: bytes, to: url)
            return url
        case .keep:
            return try AtomicFile.writeAtomicallyWithoutOverwrite(data: bytes, preferring: url)
        }
    }
}
