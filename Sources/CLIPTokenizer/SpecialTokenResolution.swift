// Port of how transformers 5.24 turns a tokenizer folder's configuration into added tokens:
// `PreTrainedTokenizerBase._from_pretrained` (tokenization_utils_base.py: added_tokens_decoder, or
// the legacy special_tokens_map.json / added_tokens.json / tokenizer.json `added_tokens`),
// `CLIPTokenizer.__init__` defaults, and `TokenizersBackend.__init__` (tokenization_utils_tokenizers.py),
// which hands the tokens to `tokenizers` 0.23 `add_tokens` in one list. There a later entry with the
// same content replaces the flags of an earlier one, and a content gets the vocabulary's id, or else
// the next id after the vocabulary and the tokens added so far.

/// The special tokens and added tokens of one tokenizer, as the reference resolves them.
struct SpecialTokenResolution: Sendable {
    /// An added token before it has an id.
    struct TokenSpec: Equatable, Sendable {
        var content: String
        var normalized: Bool
        var singleWord = false
        var leftStrip = false
        var rightStrip = false
    }

    /// The value of `bos_token`, `pad_token`, …: a bare string or an AddedToken object.
    enum NamedValue: Equatable, Sendable {
        case plain(String)
        case token(TokenSpec)

        var content: String {
            switch self {
            case .plain(let content): return content
            case .token(let spec): return spec.content
            }
        }

        /// A bare string becomes a special token, which `tokenizers` does not normalize.
        var spec: TokenSpec {
            switch self {
            case .plain(let content): return TokenSpec(content: content, normalized: false)
            case .token(let spec): return spec
            }
        }
    }

    /// The keys of the named special tokens, in the order transformers registers them.
    static let namedKeys = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"]

    /// `CLIPTokenizer.__init__` defaults for keys a configuration does not set.
    static let clipDefaults: [String: String] = [
        "bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>", "pad_token": "<|endoftext|>",
    ]

    let beginningOfText: String
    let endOfText: String
    let padding: String
    let unknown: String
    let addedTokens: [AddedToken]

    /// Resolves the named tokens and the added tokens.
    ///
    /// - Parameters:
    ///   - named: the named special tokens after the configuration files were merged; `nil` marks an
    ///     explicit `null`. Missing keys take the CLIP defaults.
    ///   - declared: the added tokens the files declare (`added_tokens_decoder`, `added_tokens.json`,
    ///     `tokenizer.json` `added_tokens`), keyed by their declared index.
    ///   - extras: `additional_special_tokens` / `extra_special_tokens` of tokenizer_config.json.
    ///   - sources: the file each named token came from, for errors.
    init(named: [String: NamedValue?], declared: [Int: TokenSpec], extras: [NamedValue],
         vocabulary: [String: Int32], sources: [String: String]) throws(CLIPTokenizerError) {
        var values = [String: NamedValue]()
        for key in Self.namedKeys {
            if let entry = named[key] {
                if let value = entry { values[key] = value }
            } else if let fallback = Self.clipDefaults[key] {
                values[key] = .plain(fallback)
            }
        }
        for key in ["bos_token", "eos_token", "pad_token"] where values[key]?.content.isEmpty ?? true {
            throw .missingSpecialToken(path: sources[key] ?? "tokenizer_config.json", key: key)
        }

        // The list handed to `add_tokens`: declared tokens by index, then named and extra tokens whose
        // content no declared token has.
        var sequence = declared.sorted { $0.key < $1.key }.map(\.value)
        let declaredContents = Set(sequence.map(\.content))
        for value in Self.namedKeys.compactMap({ values[$0] }) + extras where !declaredContents.contains(value.content) {
            sequence.append(value.spec)
        }

        var ids = [String: Int32]()
        var flags = [String: TokenSpec]()
        var order = [String]()
        let vocabularySize = Int32(vocabulary.count)
        for spec in sequence where !spec.content.isEmpty {
            if ids[spec.content] == nil {
                let maximum = ids.values.max()
                let next = maximum.map { $0 >= vocabularySize || vocabularySize == 0 ? $0 + 1 : vocabularySize } ?? vocabularySize
                ids[spec.content] = vocabulary[spec.content] ?? next
                order.append(spec.content)
            }
            flags[spec.content] = spec
        }
        addedTokens = order.compactMap { content in
            guard let id = ids[content], let spec = flags[content] else { return nil }
            return AddedToken(content: content, id: id, normalized: spec.normalized, singleWord: spec.singleWord,
                              leftStrip: spec.leftStrip, rightStrip: spec.rightStrip)
        }
        beginningOfText = values["bos_token"]?.content ?? ""
        endOfText = values["eos_token"]?.content ?? ""
        padding = values["pad_token"]?.content ?? ""
        unknown = values["unk_token"]?.content ?? ""
    }

    /// The id of a named token: every named token is an added token.
    func id(of content: String) -> Int32? {
        addedTokens.first { $0.content == content }?.id
    }
}
