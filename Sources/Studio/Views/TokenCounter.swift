import CLIPTokenizer

/// Counts a prompt's CLIP tokens for the editors' "n/77" badges, remembering the last texts so
/// a frame costs nothing when nothing was typed.
public final class TokenCounter: @unchecked Sendable {
    public struct Count: Equatable, Sendable {
        /// Tokens including the start and end tokens, at most 77.
        public var used: Int
        public var isTruncated: Bool
    }

    private let tokenizer: CLIPTokenizer
    private var cache: [String: Count] = [:]

    public init(tokenizer: CLIPTokenizer) {
        self.tokenizer = tokenizer
    }

    public func count(_ text: String) -> Count {
        if let known = cache[text] { return known }
        let encoded = tokenizer.encode(text)
        let count = Count(used: encoded.tokenCount, isTruncated: encoded.isTruncated)
        if cache.count > 64 { cache.removeAll() }
        cache[text] = count
        return count
    }
}
