// Port of the BPE model of `tokenizers` 0.23 (models/bpe/model.rs, models/bpe/word.rs) as
// transformers 5.24 `CLIPTokenizer` configures it: no continuing-subword prefix, the `</w>` suffix
// on a word's last symbol, no dropout, `fuse_unk` off.

/// A byte-level BPE vocabulary and its ranked merges.
///
/// A word (the UTF-8 bytes of one pre-token) starts as one symbol per byte, the last one spelled
/// with `</w>`; then the lowest-ranked adjacent pair is merged, leftmost first, until no adjacent
/// pair has a merge. That is the order `tokenizers` merges in (a priority queue on rank, then
/// position) and gives the same result as the original CLIP `bpe()` for a learned merge list.
struct BytePairModel: Sendable {
    static let endOfWordSuffix = "</w>"

    /// Token → id, as in `vocab.json` (or `model.vocab` of `tokenizer.json`).
    let vocabulary: [String: Int32]

    /// The id of each byte's symbol inside a word, indexed by byte; -1 where the vocabulary lacks it.
    private let innerSymbols: [Int32]
    /// The id of each byte's `</w>` symbol, which ends a word; -1 where the vocabulary lacks it.
    private let finalSymbols: [Int32]
    /// (left id << 32 | right id) → (rank << 32 | merged id).
    private let merges: [UInt64: UInt64]
    /// The id a symbol missing from the vocabulary becomes (the model's unknown token).
    private let unknownID: Int32?

    /// - Parameters:
    ///   - merges: the merge list in rank order, each with the line it came from (for errors).
    ///   - mergesFile: the file name that error messages cite.
    init(vocabulary: [String: Int32], merges: [(left: Substring, right: Substring, line: Int)],
         unknownToken: String, vocabularyFile: String, mergesFile: String) throws(CLIPTokenizerError) {
        self.vocabulary = vocabulary
        unknownID = vocabulary[unknownToken]

        var inner = [Int32](repeating: -1, count: 256)
        var final = [Int32](repeating: -1, count: 256)
        for byte in 0...255 {
            let symbol = ByteLevelAlphabet.symbol(for: UInt8(byte))
            inner[byte] = vocabulary[symbol] ?? -1
            final[byte] = vocabulary[symbol + Self.endOfWordSuffix] ?? -1
        }
        if unknownID == nil, let missing = (0...255).first(where: { inner[$0] < 0 || final[$0] < 0 }) {
            let symbol = ByteLevelAlphabet.symbol(for: UInt8(missing))
            throw .incompleteByteAlphabet(path: vocabularyFile, symbol: inner[missing] < 0 ? symbol : symbol + Self.endOfWordSuffix,
                                          unknownToken: unknownToken)
        }
        innerSymbols = inner
        finalSymbols = final

        var table = [UInt64: UInt64](minimumCapacity: merges.count)
        for (rank, merge) in merges.enumerated() {
            guard let left = vocabulary[String(merge.left)] else {
                throw .mergeTokenNotInVocabulary(path: mergesFile, line: merge.line, token: String(merge.left), vocabularyFile: vocabularyFile)
            }
            guard let right = vocabulary[String(merge.right)] else {
                throw .mergeTokenNotInVocabulary(path: mergesFile, line: merge.line, token: String(merge.right), vocabularyFile: vocabularyFile)
            }
            let joined = String(merge.left) + String(merge.right)
            guard let merged = vocabulary[joined] else {
                throw .mergeTokenNotInVocabulary(path: mergesFile, line: merge.line, token: joined, vocabularyFile: vocabularyFile)
            }
            // A pair listed twice keeps its last rank, as in both reference implementations.
            table[Self.pairKey(left, right)] = UInt64(rank) << 32 | UInt64(UInt32(bitPattern: merged))
        }
        self.merges = table
    }

    /// Appends the token ids of one word, given as its UTF-8 bytes.
    func appendTokens<Bytes: Collection<UInt8>>(ofWord bytes: Bytes, to tokens: inout [Int32]) {
        var symbols = [Int32]()
        symbols.reserveCapacity(bytes.count)
        var remaining = bytes.count
        for byte in bytes {
            remaining -= 1
            let id = remaining == 0 ? finalSymbols[Int(byte)] : innerSymbols[Int(byte)]
            // The initializer made sure the unknown token exists wherever a byte symbol is missing.
            symbols.append(id >= 0 ? id : unknownID ?? 0)
        }
        tokens.append(contentsOf: merged(symbols))
    }

    /// Applies the merges to a word's symbols, lowest rank first and leftmost among equals.
    ///
    /// Like `tokenizers`' word.rs, the symbols form a linked list and candidate pairs wait in a
    /// priority queue, so a word of n bytes costs O(n log n); a pasted 10 000-letter word is as
    /// quick as a sentence. A queued pair is stale once either side has been merged away, and is
    /// skipped when it comes up.
    private func merged(_ initial: [Int32]) -> [Int32] {
        var symbols = initial
        var next = Array(1...max(1, symbols.count))
        var previous = Array(-1..<max(0, symbols.count - 1))
        var alive = [Bool](repeating: true, count: symbols.count)
        var queue = MergeQueue()
        func enqueuePair(at left: Int) {
            let right = next[left]
            guard right < symbols.count, let merge = merges[Self.pairKey(symbols[left], symbols[right])] else { return }
            queue.push(MergeQueue.Candidate(rank: UInt32(merge >> 32), position: Int32(left),
                                            merged: Int32(bitPattern: UInt32(truncatingIfNeeded: merge))))
        }
        for index in 0..<max(0, symbols.count - 1) { enqueuePair(at: index) }

        while let candidate = queue.pop() {
            let left = Int(candidate.position)
            let right = next[left]
            guard alive[left], right < symbols.count,
                  let merge = merges[Self.pairKey(symbols[left], symbols[right])],
                  Int32(bitPattern: UInt32(truncatingIfNeeded: merge)) == candidate.merged else { continue }
            symbols[left] = candidate.merged
            alive[right] = false
            next[left] = next[right]
            if next[left] < symbols.count { previous[next[left]] = left }
            if previous[left] >= 0 { enqueuePair(at: previous[left]) }
            enqueuePair(at: left)
        }
        return symbols.indices.filter { alive[$0] }.map { symbols[$0] }
    }

    private static func pairKey(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }
}
