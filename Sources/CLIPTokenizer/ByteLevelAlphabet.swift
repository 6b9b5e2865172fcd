// Port of `bytes_to_unicode` (transformers 4.57 models/clip/tokenization_clip.py, open_clip 3.3
// tokenizer.py) and of the byte-level step of `tokenizers` 0.23 `pre_tokenizers.ByteLevel`.

/// The reversible byte → character table of byte-level BPE.
///
/// Every byte of a word's UTF-8 encoding becomes one printable character, so that BPE symbols never
/// contain whitespace or control characters: printable Latin-1 bytes stand for themselves and the 68
/// others are moved to U+0100 and up, in byte order.
enum ByteLevelAlphabet {
    /// The bytes in the order CLIP's vocabulary lists their symbols (ids 0…255, then 256…511 for
    /// the `</w>` forms): the printable ranges `!`…`~`, `¡`…`¬`, `®`…`ÿ`, then the others ascending.
    static let vocabularyOrder: [UInt8] = {
        let printable = Array(UInt8(ascii: "!")...UInt8(ascii: "~")) + Array(0xA1...0xAC) + Array(0xAE...0xFF)
        let printableSet = Set(printable)
        return printable + (0...255).filter { !printableSet.contains($0) }
    }()

    /// The character that stands for each byte, indexed by byte value.
    static let characters: [Character] = {
        var table = [Character](repeating: " ", count: 256)
        var shifted: UInt32 = 256
        for byte in 0...255 {
            if isPrintable(UInt8(byte)) {
                table[byte] = Character(Unicode.Scalar(UInt8(byte)))
            } else {
                // 256 + 68 stays well inside the valid scalar range.
                table[byte] = Character(Unicode.Scalar(shifted) ?? "?")
                shifted += 1
            }
        }
        return table
    }()

    /// The symbol of one byte as it is spelled in `vocab.json` (`"Ġ"` for a space, …).
    static func symbol(for byte: UInt8) -> String {
        String(characters[Int(byte)])
    }

    /// The byte-level spelling of a piece of text (`"é"` → `"Ã©"`).
    static func spelling<Bytes: Sequence<UInt8>>(of bytes: Bytes) -> String {
        var text = ""
        for byte in bytes { text.append(characters[Int(byte)]) }
        return text
    }

    private static func isPrintable(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
    }
}
