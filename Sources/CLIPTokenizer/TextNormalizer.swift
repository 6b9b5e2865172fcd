// Port of the normalizer transformers 5.24 `CLIPTokenizer.__init__` (models/clip/tokenization_clip.py)
// installs: normalizers.Sequence([NFC(), Replace(Regex(r"\s+"), " "), Lowercase()]) of `tokenizers` 0.23.
// No ftfy, no HTML unescaping, no stripping, no accent removal and no CJK splitting take place:
// those belonged to the pure-Python CLIPTokenizer of transformers 4.x, which no longer exists.

/// CLIP's text cleanup: NFC, every run of whitespace to one space, then lower case.
enum TextNormalizer {
    static func normalize(_ scalars: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        let composed = CanonicalComposition.compose(scalars)
        var result = [Unicode.Scalar]()
        result.reserveCapacity(composed.count)
        var inWhitespace = false
        for scalar in composed {
            if ScalarClass(scalar) == .whitespace {
                if !inWhitespace { result.append(" ") }
                inWhitespace = true
                continue
            }
            inWhitespace = false
            appendLowercase(of: scalar, to: &result)
        }
        return result
    }

    /// `Lowercase` maps scalar by scalar (Rust's `char::to_lowercase`): no final-sigma rule, and
    /// `İ` becomes `i` + U+0307.
    static func appendLowercase(of scalar: Unicode.Scalar, to result: inout [Unicode.Scalar]) {
        let value = scalar.value
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A, let lower = Unicode.Scalar(value + 0x20) {
                result.append(lower)
            } else {
                result.append(scalar)
            }
            return
        }
        let properties = scalar.properties
        if properties.changesWhenLowercased {
            result.append(contentsOf: properties.lowercaseMapping.unicodeScalars)
        } else {
            result.append(scalar)
        }
    }
}
