/// Bounds on what reading a PNG may cost, so that a hostile file fails cleanly instead of
/// exhausting memory.
public struct PNGReadLimits: Sendable, Equatable {
    /// Widest and tallest image accepted.
    public var maxWidth: Int
    public var maxHeight: Int
    /// Most pixels accepted in all (width × height).
    public var maxPixels: Int
    /// Largest file read into memory to decode its pixels.
    public var maxFileBytes: Int
    /// Most text chunks kept; further ones are skipped with a warning.
    public var maxTextChunks: Int
    /// Longest text value kept, in bytes after decompression; longer ones are skipped with a warning.
    public var maxTextBytes: Int

    public init(maxWidth: Int = 16384, maxHeight: Int = 16384, maxPixels: Int = 64 * 1024 * 1024,
                maxFileBytes: Int = 512 * 1024 * 1024, maxTextChunks: Int = 64, maxTextBytes: Int = 1024 * 1024) {
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxPixels = maxPixels
        self.maxFileBytes = maxFileBytes
        self.maxTextChunks = maxTextChunks
        self.maxTextBytes = maxTextBytes
    }

    public static let `default` = PNGReadLimits()

    /// Room a text chunk needs beyond its text: keyword, separators, iTXt language tag and
    /// translated keyword.
    static let textChunkOverhead = 80 + 4 + PNGTextChunk.maxLanguageTagBytes + PNGTextChunk.maxTranslatedKeywordBytes + 64

    /// Largest stored text chunk worth handing to libpng, and libpng's per-chunk allocation bound.
    var maxTextChunkBytes: Int {
        let (sum, overflow) = maxTextBytes.addingReportingOverflow(Self.textChunkOverhead)
        return overflow ? Int.max : sum
    }

    func accepts(width: Int, height: Int) -> Bool {
        guard width >= 1, height >= 1, width <= maxWidth, height <= maxHeight else { return false }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        return !overflow && pixels <= maxPixels
    }
}
