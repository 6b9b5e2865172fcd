// Sixel encoding of our own RGB pictures with libsixel: the only Swift file that imports CSixel.
// Only the encoder is used (sixel_output_new, sixel_dither_new/initialize, sixel_encode), never
// libsixel's image loaders or decoders.

import Imaging
import CSixel

public enum SixelEncoder {
    /// The sixel bytes for `image` (DCS `ESC P … q`, the colour registers, the sixel data, ST
    /// `ESC \`) with at most `colors` (2–256) registers: the picture's own colours when it has
    /// that few, else a palette chosen by libsixel's median cut with error diffusion.
    public static func encode(_ image: RGBImage, colors: Int = 256) throws(TerminalUIError) -> [UInt8] {
        let sink = ByteSink()
        let context = Unmanaged.passUnretained(sink).toOpaque()

        var output: OpaquePointer?
        var status = sixel_output_new(&output, { data, size, context in
            guard let data, let context, size > 0 else { return 0 }
            let sink = Unmanaged<ByteSink>.fromOpaque(context).takeUnretainedValue()
            data.withMemoryRebound(to: UInt8.self, capacity: Int(size)) {
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(size)))
            }
            return size
        }, context, nil)
        guard sdxl_sixel_succeeded(status) != 0, let output else { throw failure("sixel_output_new", status) }
        defer { sixel_output_unref(output) }
        sixel_output_set_8bit_availability(output, 0)   // 7-bit: ESC P … ESC \

        // A picture with few colours gets exactly its own colours; libsixel's median cut works on
        // 5-bit channels (255 would become 97 %) and gives small pictures few registers.
        let exactPalette = Self.palette(of: image, limit: min(256, max(2, colors)))
        var dither: OpaquePointer?
        status = sixel_dither_new(&dither, Int32(exactPalette.map { max(2, $0.count / 3) } ?? min(256, max(2, colors))), nil)
        guard sdxl_sixel_succeeded(status) != 0, let dither else { throw failure("sixel_dither_new", status) }
        defer { sixel_dither_unref(dither) }

        // sixel_encode overwrites the pixels it is given: work on a private copy.
        var scratch = [UInt8](image.pixels)
        status = scratch.withUnsafeMutableBufferPointer { pixels -> SIXELSTATUS in
            if var palette = exactPalette {
                if palette.count == 3 { palette += palette }   // libsixel wants at least two registers
                palette.withUnsafeMutableBufferPointer { sixel_dither_set_palette(dither, $0.baseAddress) }
                sixel_dither_set_pixelformat(dither, sdxl_sixel_pixelformat_rgb888())
                sixel_dither_set_diffusion_type(dither, SIXEL_DIFFUSE_NONE)
            } else {
                let initialized = sixel_dither_initialize(dither, pixels.baseAddress, Int32(image.width), Int32(image.height),
                                                          sdxl_sixel_pixelformat_rgb888(), SIXEL_LARGE_AUTO,
                                                          SIXEL_REP_AUTO, SIXEL_QUALITY_AUTO)
                guard sdxl_sixel_succeeded(initialized) != 0 else { return initialized }
            }
            return sixel_encode(pixels.baseAddress, Int32(image.width), Int32(image.height), 3, dither, output)
        }
        guard sdxl_sixel_succeeded(status) != 0 else { throw failure("sixel_encode", status) }
        withExtendedLifetime(sink) {}
        return sink.bytes
    }

    /// The picture's distinct colours as RGB triplets, or nil when there are more than `limit`.
    static func palette(of image: RGBImage, limit: Int) -> [UInt8]? {
        var seen = Set<UInt32>()
        var palette: [UInt8] = []
        let pixels = image.pixels
        var offset = 0
        while offset < pixels.count {
            let key = UInt32(pixels[offset]) << 16 | UInt32(pixels[offset + 1]) << 8 | UInt32(pixels[offset + 2])
            if seen.insert(key).inserted {
                guard seen.count <= limit else { return nil }
                palette += [pixels[offset], pixels[offset + 1], pixels[offset + 2]]
            }
            offset += 3
        }
        return palette
    }

    private static func failure(_ step: String, _ status: SIXELSTATUS) -> TerminalUIError {
        let text = sdxl_sixel_status_text(status).map { String(cString: $0) } ?? "status \(status)"
        return .sixelEncodingFailed(step: step, status: text)
    }
}

/// Collects what libsixel writes; lives only for one `encode` call on one thread.
private final class ByteSink {
    var bytes: [UInt8] = []
}
