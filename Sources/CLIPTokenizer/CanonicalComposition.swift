// Unicode NFC as `tokenizers` 0.23 `normalizers.NFC` computes it (the unicode-normalization crate),
// built on Foundation's `precomposedStringWithCanonicalMapping` with two corrections found by
// comparing every scalar and a set of composed sequences (see Tools/make_tokenizer_fixtures.py):
//  - conjoining Hangul jamo are composed here with the algorithm of Unicode §3.12, because
//    Foundation on Linux mangles jamo outside the modern L/V/T ranges (e.g. U+1113 U+1167 U+11A7);
//  - U+11935 U+11930 (Dives Akuru) stay apart: the reference does not compose them into U+11938.

import Foundation

enum CanonicalComposition {
    /// The NFC form of a run of scalars.
    static func compose(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        // Below U+0300 nothing composes, decomposes or reorders under NFC.
        guard scalars.contains(where: { $0.value >= 0x300 }) else { return Array(scalars) }
        var result = [Unicode.Scalar]()
        result.reserveCapacity(scalars.count)
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let hangul = isHangul(scalars[index])
            var end = index + 1
            while end < scalars.endIndex, isHangul(scalars[end]) == hangul,
                  hangul || !isUncomposedPair(scalars[end - 1], scalars[end]) {
                end += 1
            }
            if hangul {
                composeHangul(scalars[index..<end], into: &result)
            } else {
                let text = String(String.UnicodeScalarView(scalars[index..<end]))
                result.append(contentsOf: text.precomposedStringWithCanonicalMapping.unicodeScalars)
            }
            index = end
        }
        return result
    }

    // Hangul constants of Unicode §3.12.
    private static let syllableBase: UInt32 = 0xAC00, syllableCount: UInt32 = 11172
    private static let leadingBase: UInt32 = 0x1100, leadingCount: UInt32 = 19
    private static let vowelBase: UInt32 = 0x1161, vowelCount: UInt32 = 21
    private static let trailingBase: UInt32 = 0x11A7, trailingCount: UInt32 = 28

    /// Conjoining jamo (including the extended blocks, which never compose) and precomposed syllables.
    private static func isHangul(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF, 0xAC00...0xD7A3: return true
        default: return false
        }
    }

    /// A pair the reference leaves uncomposed although Unicode composes it.
    private static func isUncomposedPair(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        first.value == 0x11935 && second.value == 0x11930
    }

    /// Composes leading + vowel jamo into an LV syllable and an LV syllable + trailing jamo into LVT.
    private static func composeHangul(_ scalars: ArraySlice<Unicode.Scalar>, into result: inout [Unicode.Scalar]) {
        var last: UInt32?
        for scalar in scalars {
            let value = scalar.value
            if let previous = last {
                let leadingIndex = previous &- leadingBase, vowelIndex = value &- vowelBase
                if leadingIndex < leadingCount, vowelIndex < vowelCount {
                    let syllable = syllableBase + (leadingIndex * vowelCount + vowelIndex) * trailingCount
                    replaceLast(with: syllable, in: &result)
                    last = syllable
                    continue
                }
                let syllableIndex = previous &- syllableBase, trailingIndex = value &- trailingBase
                if syllableIndex < syllableCount, syllableIndex % trailingCount == 0, trailingIndex > 0, trailingIndex < trailingCount {
                    replaceLast(with: previous + trailingIndex, in: &result)
                    last = previous + trailingIndex
                    continue
                }
            }
            result.append(scalar)
            last = value
        }
    }

    private static func replaceLast(with value: UInt32, in result: inout [Unicode.Scalar]) {
        // Hangul syllables are valid scalars by construction.
        if let scalar = Unicode.Scalar(value) { result[result.count - 1] = scalar }
    }
}
