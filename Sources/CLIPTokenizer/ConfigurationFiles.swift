// Port of the configuration reading in transformers 5.24 `PreTrainedTokenizerBase._from_pretrained`
// (tokenization_utils_base.py): tokenizer_config.json first; when it has no `added_tokens_decoder`,
// the legacy files special_tokens_map.json (overriding the named tokens), added_tokens.json and the
// `added_tokens` of tokenizer.json declare the added tokens instead.
// Not ported: model-specific named tokens (other `*_token` keys, a dict `extra_special_tokens`),
// which CLIP tokenizers do not use.

import Foundation

/// The sequence settings diffusers takes from a tokenizer.
struct SequenceSettings: Equatable, Sendable {
    enum Side: String, Sendable { case left, right }

    /// SDXL's context length, used when a folder does not set `model_max_length`.
    static let defaultMaxLength = 77

    var maxLength = defaultMaxLength
    var paddingSide = Side.right
    var truncationSide = Side.right
}

/// tokenizer_config.json, special_tokens_map.json and added_tokens.json of a folder.
struct ConfigurationFiles {
    var named: [String: SpecialTokenResolution.NamedValue?] = [:]
    var declared: [Int: SpecialTokenResolution.TokenSpec] = [:]
    var extras: [SpecialTokenResolution.NamedValue] = []
    var settings = SequenceSettings()
    /// The file each named token was read from, for error messages.
    var sources: [String: String] = [:]

    /// Reads the configuration files of `folder`. `tokenizerJSONTokens` are tokenizer.json's
    /// `added_tokens`, which count only when tokenizer_config.json has no `added_tokens_decoder`.
    init(folder: URL, tokenizerJSONTokens: [Int: SpecialTokenResolution.TokenSpec]) throws(CLIPTokenizerError) {
        let configURL = folder.appendingPathComponent("tokenizer_config.json")
        let config = try JSONFile.loadIfPresent(configURL)?.object() ?? [:]
        try readNamedTokens(config, path: configURL.path)
        try readExtras(config, path: configURL.path)
        try readSettings(config, path: configURL.path)

        if let decoder = config["added_tokens_decoder"] {
            guard let entries = decoder as? [String: Any] else {
                throw .malformedJSON(path: configURL.path, key: "added_tokens_decoder", reason: "not an object")
            }
            for (index, value) in entries {
                guard let id = Int(index), let object = value as? [String: Any] else {
                    throw .malformedJSON(path: configURL.path, key: "added_tokens_decoder.\(index)",
                                         reason: "expected an integer key and an AddedToken object")
                }
                declared[id] = try Self.tokenSpec(object, specialByDefault: false, path: configURL.path,
                                                  key: "added_tokens_decoder.\(index)")
            }
            return
        }
        let mapURL = folder.appendingPathComponent("special_tokens_map.json")
        if let map = try JSONFile.loadIfPresent(mapURL)?.object() {
            for key in SpecialTokenResolution.namedKeys {
                guard let value = map[key] else { continue }
                // transformers makes every AddedToken object of this file a special token.
                named[key] = try Self.namedValue(value, specialByDefault: true, forcedSpecial: true, path: mapURL.path, key: key)
                sources[key] = mapURL.path
            }
        }
        let addedURL = folder.appendingPathComponent("added_tokens.json")
        if let added = try JSONFile.loadIfPresent(addedURL) {
            let specialContents = Set(named.values.compactMap { $0?.content } + extras.map(\.content))
            for (content, value) in try added.object() {
                guard let id = JSONFile.integer(value) else {
                    throw .malformedJSON(path: addedURL.path, key: content, reason: "the id is not an integer")
                }
                declared[id] = .init(content: content, normalized: !specialContents.contains(content))
            }
        }
        declared.merge(tokenizerJSONTokens) { _, fromTokenizerJSON in fromTokenizerJSON }
    }

    private mutating func readNamedTokens(_ config: [String: Any], path: String) throws(CLIPTokenizerError) {
        for key in SpecialTokenResolution.namedKeys {
            guard let value = config[key] else { continue }
            named[key] = try Self.namedValue(value, specialByDefault: false, forcedSpecial: false, path: path, key: key)
            sources[key] = path
        }
    }

    private mutating func readExtras(_ config: [String: Any], path: String) throws(CLIPTokenizerError) {
        let key = (config["extra_special_tokens"] as? [Any]).map { $0.isEmpty } == false ? "extra_special_tokens" : "additional_special_tokens"
        guard let list = config[key] as? [Any] else { return }
        for (index, value) in list.enumerated() {
            if let token = try Self.namedValue(value, specialByDefault: false, forcedSpecial: false, path: path, key: "\(key)[\(index)]") {
                extras.append(token)
            }
        }
    }

    private mutating func readSettings(_ config: [String: Any], path: String) throws(CLIPTokenizerError) {
        if let value = config["model_max_length"] {
            guard let number = value as? NSNumber, JSONFile.boolean(value) == nil else {
                throw .invalidSetting(path: path, key: "model_max_length", value: "\(value)", expected: "a number")
            }
            // transformers writes 1e30 for "no limit"; diffusers needs a real length, and SDXL's is 77.
            if number.doubleValue < 1e6 {
                guard let length = JSONFile.integer(value), length >= 2 else {
                    throw .invalidSetting(path: path, key: "model_max_length", value: "\(value)",
                                          expected: "an integer of at least 2 (room for <|startoftext|> and <|endoftext|>)")
                }
                settings.maxLength = length
            }
        }
        for (key, target) in [("padding_side", \SequenceSettings.paddingSide), ("truncation_side", \SequenceSettings.truncationSide)] {
            guard let value = config[key] else { continue }
            guard let text = value as? String, let side = SequenceSettings.Side(rawValue: text) else {
                throw .invalidSetting(path: path, key: key, value: "\(value)", expected: "\"right\" or \"left\"")
            }
            settings[keyPath: target] = side
        }
    }

    /// A named token: a string, an AddedToken object, or null (`nil`).
    private static func namedValue(_ value: Any, specialByDefault: Bool, forcedSpecial: Bool, path: String,
                                   key: String) throws(CLIPTokenizerError) -> SpecialTokenResolution.NamedValue? {
        if value is NSNull { return nil }
        if let text = value as? String { return .plain(text) }
        if var object = value as? [String: Any] {
            if forcedSpecial { object["special"] = true }
            return .token(try tokenSpec(object, specialByDefault: specialByDefault, path: path, key: key))
        }
        throw .malformedJSON(path: path, key: key, reason: "expected a string or an AddedToken object")
    }

    /// An AddedToken object (`content`, `normalized`, `special`, `lstrip`, `rstrip`, `single_word`);
    /// as in `tokenizers`, `normalized` defaults to the opposite of `special`.
    static func tokenSpec(_ object: [String: Any], specialByDefault: Bool, path: String,
                          key: String) throws(CLIPTokenizerError) -> SpecialTokenResolution.TokenSpec {
        guard let content = object["content"] as? String else {
            throw .malformedJSON(path: path, key: key, reason: "the AddedToken has no string \"content\"")
        }
        func flag(_ name: String) throws(CLIPTokenizerError) -> Bool? {
            guard let value = object[name] else { return nil }
            guard let flag = JSONFile.boolean(value) else {
                throw .malformedJSON(path: path, key: "\(key).\(name)", reason: "not true or false")
            }
            return flag
        }
        let special = try flag("special") ?? specialByDefault
        return .init(content: content, normalized: try flag("normalized") ?? !special, singleWord: try flag("single_word") ?? false,
                     leftStrip: try flag("lstrip") ?? false, rightStrip: try flag("rstrip") ?? false)
    }
}
