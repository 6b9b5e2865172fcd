// The two namings a lone tiny-decoder file comes in:
// - diffusers' (AutoencoderTiny.save_pretrained, or the folder's weights file): decoder.layers.N.…;
// - the original TAESD code's (madebyollin/taesd, taesd.py, e.g. taesdxl_decoder.safetensors): its
//   Decoder is an nn.Sequential whose layer 0 is a parameterless clamp, so its layer N + 1 is
//   diffusers' decoder.layers.N, with the same names below it (conv.0, conv.2, conv.4, weight, bias).
import SafeTensors

enum TinyDecoderKeyNames {
    /// The decoder's weights in `file` under diffusers' names.
    static func diffusersView(of file: SafeTensorsFile, origin: String) throws -> any WeightSource {
        let weights = SafeTensorsWeights(file, origin: origin)
        if file.names.contains(where: { $0.hasPrefix("decoder.") }) { return weights }
        if file.info(named: "1.weight") != nil {
            return RemappedWeights(base: weights, entries: file.names.compactMap(originalEntry))
        }
        if file.info(named: "0.weight") != nil {
            throw ModelError.unsupportedFormat(
                path: origin,
                reason: "this is a TAESD encoder (its first layer is '0.weight'); previews need the decoder file (e.g. taesdxl_decoder.safetensors)")
        }
        return weights   // loading then names the first tensor it misses
    }

    /// "N.rest" of the original naming → "decoder.layers.(N − 1).rest".
    static func originalEntry(_ name: String) -> MappedKey? {
        let parts = name.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count < 6,
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let index = Int(parts[0]), index >= 1 else { return nil }
        return MappedKey(name: "decoder.layers.\(index - 1).\(parts[1])", source: name, transform: .identity)
    }
}
