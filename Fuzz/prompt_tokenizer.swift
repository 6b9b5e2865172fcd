// Fuzz entry for the prompt tokenizer: arbitrary bytes, decoded as UTF-8 with replacement, are encoded
// with the bundled CLIP vocabulary as both SDXL tokenizers are configured. Every result must hold
// exactly `maxLength` ids, each inside the vocabulary. Built into the CLIPTokenizer module by Tools/fuzz.sh.

private let tokenizers: [CLIPTokenizer] = {
    do {
        return [try CLIPTokenizer.bundled(padToken: .endOfText), try CLIPTokenizer.bundled(padToken: .exclamationMark)]
    } catch {
        fatalError("the bundled vocabulary is missing next to the fuzzer: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func promptTokenizerFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for tokenizer in tokenizers {
        let ids = tokenizer.encode(text).ids
        guard ids.count == tokenizer.maxLength,
              ids.allSatisfy({ $0 >= 0 && Int($0) < BundledVocabulary.vocabularySize }) else {
            fatalError("encoding gave \(ids.count) ids, or an id outside the vocabulary")
        }
        _ = tokenizer.tokenIDs(text)
    }
    return 0
}
