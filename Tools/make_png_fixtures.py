#!/usr/bin/env python3
"""Makes the PNG and pixel-conversion fixtures for Tests/ImagingTests.

Run with the reference environment (Pillow, numpy, torch, diffusers):
    /root/refenv/bin/python Tools/make_png_fixtures.py

Writes small files into Tests/ImagingTests/Fixtures/ and expected.json, which lists for every PNG
the pixels Pillow decodes (as 8-bit RGB, base64), the text chunks, or the error expected.
The float fixtures hold inputs and the outputs of diffusers' VaeImageProcessor.
"""
import base64
import io
import json
import os
import struct
import zlib

import numpy as np
import torch
from PIL import Image, PngImagePlugin
import diffusers
from diffusers.image_processor import VaeImageProcessor

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "ImagingTests", "Fixtures")
SIGNATURE = b"\x89PNG\r\n\x1a\n"
rng = np.random.default_rng(20240601)
expected = {"diffusers_version": diffusers.__version__, "png": []}

A1111_TEXT = (
    "a photo of a cat, highly detailed: 8k\n"
    "Negative prompt: blurry, lowres\n"
    'Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7.0, Seed: 1234567890, Size: 1024x1024, '
    'Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Refiner: sd_xl_refiner_1.0 [7440042bbd], '
    'Refiner switch at: 0.8, Version: v1.10.1'
)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def ihdr(width, height, bit_depth, color_type, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, interlace))


def raw_png(width, height, bit_depth, color_type, rows, before=(), after=(), interlace=0):
    """A PNG from already filtered scanline bytes; `before`/`after` chunks go around IDAT."""
    out = SIGNATURE + ihdr(width, height, bit_depth, color_type, interlace)
    out += b"".join(before)
    out += chunk(b"IDAT", zlib.compress(rows, 9))
    out += b"".join(after)
    return out + chunk(b"IEND", b"")


def split_chunks(data):
    """[(type, bytes of the whole chunk)] of a PNG."""
    offset, chunks = 8, []
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        chunks.append((data[offset + 4:offset + 8], data[offset:offset + 12 + length]))
        offset += 12 + length
    return chunks


def insert_before_iend(data, extra):
    parts = split_chunks(data)
    return SIGNATURE + b"".join(c for t, c in parts[:-1]) + extra + parts[-1][1]


def pil_bytes(image, **options):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **options)
    return buffer.getvalue()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def pil_text(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def record(name, data, rgb=None, text=None, error=None, note=""):
    """Writes the fixture and its expectations; pixels default to Pillow's convert("RGB")."""
    write(name, data)
    entry = {"file": name, "note": note}
    if error is not None:
        entry["error"] = error
    else:
        if rgb is None:
            rgb = np.asarray(pil_text(data).convert("RGB"))
        entry["height"], entry["width"] = rgb.shape[:2]
        entry["rgb"] = base64.b64encode(np.ascontiguousarray(rgb, dtype=np.uint8).tobytes()).decode()
        entry["text"] = text if text is not None else []
    expected["png"].append(entry)


def itxt(keyword, text_bytes, compressed=False, language=b"", translated=b""):
    body = text_bytes if not compressed else zlib.compress(text_bytes)
    return chunk(b"iTXt", keyword + b"\0" + bytes([1 if compressed else 0, 0]) + language + b"\0" + translated + b"\0" + body)


def text_entry(keyword, text, kind, language="", translated=""):
    return {"keyword": keyword, "text": text, "kind": kind, "language": language, "translated": translated}


# --- Colour types Pillow writes --------------------------------------------------------------
rgba = rng.integers(0, 256, size=(4, 5, 4), dtype=np.uint8)
info = PngImagePlugin.PngInfo()
info.add_text("parameters", A1111_TEXT)
record("rgba.png", pil_bytes(Image.fromarray(rgba, "RGBA"), pnginfo=info),
       text=[text_entry("parameters", A1111_TEXT, "tEXt")], note="RGBA: alpha dropped")

palette_indices = rng.integers(0, 40, size=(3, 6), dtype=np.uint8)
palette_image = Image.fromarray(palette_indices, "P")
palette_image.putpalette(rng.integers(0, 256, size=40 * 3, dtype=np.uint8).tolist())
info = PngImagePlugin.PngInfo()
info.add_text("Comment", "palette with transparency")
record("palette.png", pil_bytes(palette_image, pnginfo=info, transparency=3),
       text=[text_entry("Comment", "palette with transparency", "tEXt")], note="8-bit palette with tRNS")
small_palette = Image.fromarray(palette_indices % 16, "P")
small_palette.putpalette(rng.integers(0, 256, size=16 * 3, dtype=np.uint8).tolist())
record("palette_4bit.png", pil_bytes(small_palette, bits=4), note="4-bit palette")

gray = rng.integers(0, 256, size=(5, 3), dtype=np.uint8)
record("gray.png", pil_bytes(Image.fromarray(gray, "L")), note="8-bit grayscale")
record("gray_1bit.png", pil_bytes(Image.fromarray(gray > 127).convert("1")), note="1-bit grayscale")
gray_alpha = rng.integers(0, 256, size=(2, 4, 2), dtype=np.uint8)
record("gray_alpha.png", pil_bytes(Image.fromarray(gray_alpha, "LA")), note="grayscale with alpha")

# 2-bit gray, scaled to 8 bits by replicating the bits (0, 85, 170, 255) as Pillow does.
gray2 = np.array([[0, 1, 2, 3, 3], [2, 1, 0, 1, 2]], dtype=np.uint8)
packed = b"".join(b"\0" + np.packbits(np.unpackbits(row[:, None], axis=1)[:, 6:].reshape(-1)).tobytes() for row in gray2)
record("gray_2bit.png", raw_png(5, 2, 2, 0, packed), note="2-bit grayscale")

# 16-bit: the decoder keeps the high byte. Pillow does the same for RGB; for grayscale Pillow
# clips instead (I;16 -> L), so the expectation is the high byte computed here.
rgb16 = rng.integers(0, 65536, size=(3, 4, 3), dtype=np.uint16)
rows16 = b"".join(b"\0" + row.astype(">u2").tobytes() for row in rgb16)
data = raw_png(4, 3, 16, 2, rows16)
assert (np.asarray(pil_text(data).convert("RGB")) == (rgb16 >> 8)).all(), "Pillow keeps the high byte of RGB16"
record("rgb16.png", data, rgb=(rgb16 >> 8).astype(np.uint8), note="16-bit RGB: high byte, as Pillow")
gray16 = rng.integers(0, 65536, size=(2, 3), dtype=np.uint16)
rows = b"".join(b"\0" + row.astype(">u2").tobytes() for row in gray16)
high = (gray16 >> 8).astype(np.uint8)
record("gray16.png", raw_png(3, 2, 16, 0, rows), rgb=np.stack([high] * 3, axis=-1), note="16-bit gray: high byte")

# Adam7 interlaced RGB.
interlaced = rng.integers(0, 256, size=(7, 9, 3), dtype=np.uint8)
passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
rows = b""
for x0, y0, dx, dy in passes:
    sub = interlaced[y0::dy, x0::dx]
    if sub.shape[0] and sub.shape[1]:
        rows += b"".join(b"\0" + row.tobytes() for row in sub)
data = raw_png(9, 7, 8, 2, rows, interlace=1)
assert (np.asarray(pil_text(data).convert("RGB")) == interlaced).all()
record("interlaced.png", data, note="Adam7 interlaced RGB")

# --- Text chunk kinds ------------------------------------------------------------------------
rgb = rng.integers(0, 256, size=(2, 3, 3), dtype=np.uint8)
info = PngImagePlugin.PngInfo()
info.add_text("ascii", "plain text, with: punctuation\nand a second line")
info.add_text("latin", "café crème ÿ")
info.add_text("zipped", "compressed " * 40, zip=True)
info.add_itxt("international", "日本語のテキスト ✓", lang="ja", tkey="国際")
info.add_itxt("international zipped", "Ελληνικά " * 20, lang="el", tkey="Διεθνές", zip=True)
data = insert_before_iend(pil_bytes(Image.fromarray(rgb, "RGB"), pnginfo=info),
                          chunk(b"tEXt", b"after image\0text after the image data"))
texts = [
    text_entry("ascii", "plain text, with: punctuation\nand a second line", "tEXt"),
    text_entry("latin", "café crème ÿ", "tEXt"),
    text_entry("zipped", "compressed " * 40, "zTXt"),
    text_entry("international", "日本語のテキスト ✓", "iTXt", "ja", "国際"),
    text_entry("international zipped", "Ελληνικά " * 20, "iTXt compressed", "el", "Διεθνές"),
    text_entry("after image", "text after the image data", "tEXt"),
]
assert pil_text(data).text == {t["keyword"]: t["text"] for t in texts}
record("text_kinds.png", data, text=texts, note="tEXt, Latin-1 tEXt, zTXt, iTXt, compressed iTXt, text after IDAT")

# iTXt whose text is not UTF-8: each invalid byte becomes U+FFFD.
bad = b"ok \xff\xfe bad \xc3"
rows = b"\0" + bytes([10, 20, 30])
pixel = np.array([[[10, 20, 30]]], dtype=np.uint8)  # the 1x1 pixel of the hand-made files below
record("itxt_invalid_utf8.png", raw_png(1, 1, 8, 2, rows, before=[itxt(b"broken", bad)]), rgb=pixel,
       text=[text_entry("broken", bad.decode("utf-8", "replace"), "iTXt")], note="invalid UTF-8 in iTXt")

# --- Hostile files ---------------------------------------------------------------------------
# A zTXt chunk of 4 KB that inflates to 4 MiB: skipped, the other text is kept.
bomb = chunk(b"zTXt", b"bomb\0\0" + zlib.compress(b"A" * (4 * 1024 * 1024), 9))
kept = chunk(b"tEXt", b"kept\0still here")
record("ztxt_bomb.png", raw_png(1, 1, 8, 2, rows, before=[bomb, kept]),
       rgb=pixel, text=[text_entry("kept", "still here", "tEXt")], note="zTXt inflating past the 1 MiB text limit")

many = [chunk(b"tEXt", b"k%03d\0value %d" % (i, i)) for i in range(100)]
record("many_text.png", raw_png(1, 1, 8, 2, rows, before=many),
       rgb=pixel, text=[text_entry("k%03d" % i, "value %d" % i, "tEXt") for i in range(64)], note="100 text chunks, 64 kept")

bad_crc = bytearray(chunk(b"tEXt", b"damaged\0crc is wrong"))
bad_crc[-1] ^= 0xFF
record("text_bad_crc.png", raw_png(1, 1, 8, 2, rows, before=[bytes(bad_crc), kept]),
       rgb=pixel, text=[text_entry("kept", "still here", "tEXt")], note="text chunk with a bad CRC is dropped")

# Sizes around a custom limit of 1000 text bytes (tests pass that limit).
long_chunks = [
    chunk(b"tEXt", b"long stored\0" + b"x" * 5000),                      # over the stored-size cap
    chunk(b"zTXt", b"long inflated\0\0" + zlib.compress(b"y" * 5000)),   # inflates past libpng's cap
    itxt(b"just over", b"z" * 1500),                                     # passes libpng, over 1000
    chunk(b"tEXt", b"short\0fits"),
]
record("long_text.png", raw_png(1, 1, 8, 2, rows, before=long_chunks),
       rgb=pixel, text=[text_entry("long stored", "x" * 5000, "tEXt"), text_entry("long inflated", "y" * 5000, "zTXt"),
             text_entry("just over", "z" * 1500, "iTXt"), text_entry("short", "fits", "tEXt")],
       note="text sizes around a 1000-byte limit")

whole = pil_bytes(Image.fromarray(rng.integers(0, 256, size=(16, 16, 3), dtype=np.uint8), "RGB"))
idat = [c for t, c in split_chunks(whole) if t == b"IDAT"][0]
cut = whole.index(idat) + 8 + len(idat) // 3
record("truncated.png", whole[:cut], error="truncated", note="cut inside the IDAT chunk")
record("no_iend.png", whole[:-12], error="truncated", note="ends before IEND")
record("not_a_png.png", b"hello, this is not a PNG file\n", error="notPNG", note="plain text")
record("huge_width.png", SIGNATURE + ihdr(100000, 1, 8, 2) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b""),
       error="imageTooLarge", note="declares 100000x1")
record("huge_area.png", SIGNATURE + ihdr(16000, 16000, 8, 2) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b""),
       error="imageTooLarge", note="declares 16000x16000, over the pixel cap")
record("unknown_critical.png", raw_png(1, 1, 8, 2, rows, before=[chunk(b"ZZZZ", b"1234")]),
       error="corrupt", note="unknown critical chunk")

# --- Float conversions, matching diffusers' VaeImageProcessor --------------------------------
height, width = 16, 32
count = 3 * height * width
values = []
for k in range(256):  # the float32 x whose (x/2+0.5)*255 lies on a rounding boundary, and neighbours
    boundary = np.float32(2.0 * ((k + 0.5) / 255.0) - 1.0)
    values += [boundary, np.nextafter(boundary, np.float32(-2)), np.nextafter(boundary, np.float32(2))]
values += [-1.0, 1.0, 0.0, -0.0, -3.5, 2.25, 1e-8, -1e-8, 0.999999, -0.999999]
values = np.array(values, dtype=np.float32)
values = np.concatenate([values, (rng.standard_normal(count - len(values)) * 0.7).astype(np.float32)])
decoded = torch.from_numpy(values.reshape(1, 3, height, width).copy())
pil = VaeImageProcessor().postprocess(decoded, output_type="pil")[0]
write("vae_output.f32", values.astype("<f4").tobytes())
write("vae_output_expected.rgb", np.asarray(pil).tobytes())

levels = np.arange(256, dtype=np.int64)
source = np.stack([levels, 255 - levels, (levels * 7) % 256], axis=-1).reshape(16, 16, 3).astype(np.uint8)
normalized = VaeImageProcessor(do_resize=False).preprocess(Image.fromarray(source, "RGB"))
assert normalized.dtype == torch.float32 and tuple(normalized.shape) == (1, 3, 16, 16)
write("vae_input_source.rgb", source.tobytes())
write("vae_input_expected.f32", normalized.numpy().astype("<f4").tobytes())
expected["vae_output"] = {"width": width, "height": height}
expected["vae_input"] = {"width": 16, "height": 16}

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, ensure_ascii=False)
    f.write("\n")
print("wrote", len(expected["png"]), "PNG fixtures to", os.path.normpath(OUT))
