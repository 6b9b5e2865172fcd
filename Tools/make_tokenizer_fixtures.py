#!/usr/bin/env python3
"""Golden data for the CLIPTokenizer module, computed by transformers' CLIPTokenizer.

The reference is the tokenizer diffusers loads for SDXL: `transformers.CLIPTokenizer` (in
transformers 5.x a `tokenizers`-backed class: NFC, `\\s+` -> " ", lower-casing, the CLIP split
pattern, byte-level BPE with `</w>`), called the way `StableDiffusionXLPipeline.encode_prompt` calls it.

Writes (paths relative to the repository root):
  Sources/CLIPTokenizer/Resources/merges.txt
      The CLIP BPE merges as published in the SDXL `tokenizer/merges.txt`: the header line and the
      first 49152-256-2 = 48894 merges of `open_clip/bpe_simple_vocab_16e6.txt.gz`. The vocabulary
      is derived from it (256 byte symbols, their `</w>` forms, the merges joined, then
      `<|startoftext|>`, `<|endoftext|>`: 49408 tokens), here and in Swift.
  Tests/CLIPTokenizerTests/Fixtures/vocab.json
      That vocabulary, written as the published `vocab.json` (shared by every test folder).
  Tests/CLIPTokenizerTests/Fixtures/configs/<variant>/
      Configuration files only (tokenizer_config.json, special_tokens_map.json, added_tokens.json,
      tokenizer.json templates with an empty model.vocab/model.merges). The Swift tests copy them
      into a temporary folder together with vocab.json and merges.txt (or fill the template).
  Tests/CLIPTokenizerTests/Fixtures/corpus.json
      400 prompts with, for SDXL tokenizer/ and tokenizer_2/, the expected 77 ids, the untruncated
      token counts (diffusers' padding="longest" length) and the position CLIPTextTransformer pools at;
      for every configuration variant (re-saved files, tokenizer.json, added_tokens.json, extra added
      tokens with every flag, left padding/truncation) its resolved added tokens and the same data for
      the special-token prompts.
  Tests/CLIPTokenizerTests/Fixtures/unicode.json
      What the reference's text pipeline does per Unicode scalar (\\p{L}, \\p{N}, \\s, Lowercase,
      NFC) and NFC of composed sequences, so the Swift character tables can be checked exhaustively.

Before writing, it checks that the derived vocabulary and merges equal open_clip's own tokenizer
tables and that both tokenizers give the same BPE ids on the corpus prompts where their text
cleaning agrees, and it prints how transformers' tokenizer_2 differs from tokenizer/.

Run from the repository root with the reference environment's Python (transformers >= 5, tokenizers,
open-clip-torch and torch; CPU only), e.g.:
    /root/refenv/bin/python Tools/make_tokenizer_fixtures.py
"""
import copy
import gzip
import json
import pathlib
import random
import shutil
import sys
import tempfile
import unicodedata

import open_clip
import tokenizers
import torch
import transformers
from open_clip.tokenizer import SimpleTokenizer, bytes_to_unicode
from tokenizers import Regex, normalizers
from transformers import CLIPTokenizer

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESOURCE = ROOT / "Sources" / "CLIPTokenizer" / "Resources" / "merges.txt"
FIXTURES = ROOT / "Tests" / "CLIPTokenizerTests" / "Fixtures"
MERGE_COUNT = 49152 - 256 - 2
BOS, EOS = "<|startoftext|>", "<|endoftext|>"
# Variants whose expected ids cover the whole corpus; the others cover the special-token prompts.
FULL_CORPUS_VARIANTS = ("sdxl-tokenizer", "sdxl-tokenizer_2")


# ---------------------------------------------------------------- vocabulary from open_clip

def clip_merges():
    path = pathlib.Path(open_clip.__file__).parent / "bpe_simple_vocab_16e6.txt.gz"
    lines = gzip.open(path).read().decode("utf-8").split("\n")
    merges = lines[1:MERGE_COUNT + 1]
    assert len(merges) == MERGE_COUNT and all(len(m.split(" ")) == 2 for m in merges)
    return merges


def clip_vocab(merges):
    alphabet = list(bytes_to_unicode().values())
    tokens = alphabet + [a + "</w>" for a in alphabet] + ["".join(m.split(" ")) for m in merges] + [BOS, EOS]
    vocab = {token: index for index, token in enumerate(tokens)}
    assert len(vocab) == len(tokens) == 49408
    return vocab


def check_against_open_clip(vocab, merges):
    reference = SimpleTokenizer()
    renamed = {BOS: "<start_of_text>", EOS: "<end_of_text>"}
    assert {renamed.get(t, t): i for t, i in vocab.items()} == reference.encoder
    assert {tuple(m.split(" ")): r for r, m in enumerate(merges)} == reference.bpe_ranks
    return reference


# ---------------------------------------------------------------- configuration variants

def added_token(content, normalized, legacy_type=False, **flags):
    token = {"content": content, "lstrip": False, "normalized": normalized, "rstrip": False, "single_word": False}
    token.update(flags)
    if legacy_type:
        token = {"__type": "AddedToken", **token}
    return token


def published_config(pad):
    """The layout of stabilityai/stable-diffusion-xl-base-1.0 tokenizer/ and tokenizer_2/."""
    config = {
        "add_prefix_space": False,
        "bos_token": added_token(BOS, True, legacy_type=True),
        "clean_up_tokenization_spaces": True,
        "do_lower_case": True,
        "eos_token": added_token(EOS, True, legacy_type=True),
        "errors": "replace",
        "model_max_length": 77,
        "pad_token": pad,
        "tokenizer_class": "CLIPTokenizer",
        "unk_token": added_token(EOS, True, legacy_type=True),
    }
    special = {"bos_token": added_token(BOS, True), "eos_token": added_token(EOS, True),
               "pad_token": pad, "unk_token": added_token(EOS, True)}
    return {"tokenizer_config.json": config, "special_tokens_map.json": special}


def resaved_config(pad):
    """The same folders after a save with transformers >= 4.34 (`added_tokens_decoder`)."""
    decoder = {}
    if pad == "!":
        decoder["0"] = {**added_token("!", False), "special": True}
    decoder["49406"] = {**added_token(BOS, True), "special": True}
    decoder["49407"] = {**added_token(EOS, False), "special": True}
    config = {
        "add_prefix_space": False, "added_tokens_decoder": decoder, "additional_special_tokens": [],
        "bos_token": BOS, "clean_up_tokenization_spaces": True, "do_lower_case": True, "eos_token": EOS,
        "errors": "replace", "model_max_length": 77, "pad_token": pad, "tokenizer_class": "CLIPTokenizer",
        "unk_token": EOS,
    }
    special = {"bos_token": BOS, "eos_token": EOS, "pad_token": pad, "unk_token": EOS}
    return {"tokenizer_config.json": config, "special_tokens_map.json": special}


def exotic_config():
    """Extra added tokens with every matching flag, a short left-truncating, left-padding tokenizer."""
    decoder = {
        "0": {**added_token("!", False), "special": True},
        "49406": {**added_token(BOS, True), "special": True},
        "49407": {**added_token(EOS, False), "special": True},
        "49408": {**added_token("<Cat-Toy>", True, lstrip=True), "special": False},
        "49409": {**added_token("MyStyle", False, single_word=True), "special": False},
        "49410": {**added_token("[sep]", False, rstrip=True), "special": False},
        "49411": {**added_token("zz", True, lstrip=True, rstrip=True), "special": False},
    }
    config = {
        "added_tokens_decoder": decoder, "bos_token": BOS, "eos_token": EOS, "unk_token": EOS,
        "pad_token": "!", "model_max_length": 24, "truncation_side": "left", "padding_side": "left",
        "tokenizer_class": "CLIPTokenizer",
    }
    return {"tokenizer_config.json": config}


def legacy_added_tokens_config():
    """Old layout with added_tokens.json (a textual-inversion style extra token) and a dict pad token."""
    files = published_config(EOS)
    files["special_tokens_map.json"]["pad_token"] = added_token(EOS, True)
    files["tokenizer_config.json"]["model_max_length"] = 77
    files["added_tokens.json"] = {"<my-embedding>": 49408}
    return files


def tokenizer_json_template(folder_files, vocab, merges):
    """A real tokenizer.json (as `tokenizers` saves it) with model.vocab and model.merges emptied."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_folder(pathlib.Path(tmp), folder_files, vocab, merges)
        tok = CLIPTokenizer.from_pretrained(str(folder))
        saved = json.loads(tok.backend_tokenizer.to_str())
    saved["model"]["vocab"] = {}
    saved["model"]["merges"] = []
    return saved


def write_folder(folder, files, vocab, merges, merges_form=None):
    """A tokenizer folder as the Swift tests assemble it: config files + vocabulary files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if name == "tokenizer.json":
            content = copy.deepcopy(content)
            content["model"]["vocab"] = vocab
            content["model"]["merges"] = [m.split(" ") for m in merges] if merges_form == "pairs" else list(merges)
        (folder / name).write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
    if "tokenizer.json" not in files:
        (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        (folder / "merges.txt").write_text("#version: 0.2\n" + "\n".join(merges) + "\n", encoding="utf-8")
    return folder


# ---------------------------------------------------------------- corpus

def corpus():
    prompts = [
        # plain ASCII prompts
        "a photo of a cat",
        "A photo of an astronaut riding a horse on the moon",
        "An astronaut riding a green horse",
        "a majestic lion jumping from a big stone at night",
        "portrait of a young woman, oil painting, by John Singer Sargent, dramatic lighting",
        "cinematic still of a red fox in a snowy forest, shallow depth of field, bokeh",
        "isometric view of a tiny cozy cabin, low poly, blender render, pastel colors",
        "a bowl of ramen, food photography, 35mm, f/1.8",
        "ultra realistic close-up of a hummingbird drinking nectar",
        "watercolor landscape with mountains and a lake at sunrise",
        "steampunk airship over victorian london",
        "cyberpunk city street at night, neon signs, rain, reflections",
        "a dog", "dog", "DOG", "Dog", "dOg", "a", "A", "I", "x",
        "the quick brown fox jumps over the lazy dog",
        "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG",
        "The Quick Brown Fox Jumps Over The Lazy Dog",
        "supercalifragilisticexpialidocious",
        "pneumonoultramicroscopicsilicovolcanoconiosis",
        "antidisestablishmentarianism hippopotomonstrosesquippedaliophobia",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "zzzzzzzzzzqqqqqqqqqxxxxxxxxxkkkkkkkkkjjjjjjjj",
        "artstation trending unreal engine octane render 8k uhd",
        "masterpiece, best quality, highly detailed, sharp focus",
        # punctuation and prompt-weighting syntax
        "hello!", "wow!!", "what?!", "!!!", "!", "?", ".", "...", "…", ",", "a,b,c", "a, b, c",
        "(masterpiece:1.2), (best quality:1.1), [blurry], {cat|dog}",
        "((((extremely detailed))))", "[[[[[low quality]]]]]",
        "a cat -- a dog ---- a bird", "a/b\\c|d", "a_b_c", "snake_case_prompt", "kebab-case-prompt",
        "email@example.com https://example.com/path?q=1&x=2#frag",
        "#hashtag @mention $100 50% ^caret* ~tilde` `backtick`",
        "\"quoted\" 'single' “curly” ‘curly’ «guillemets» „low“",
        "a;b:c<d>e=f+g", "<>", "<|", "|>", "<||>", "<|endoftext", "endoftext|>",
        "--no text, watermark", "prompt:: weight::2", "BREAK", "a BREAK b",
        # numbers
        "0", "1", "12", "123", "2024", "3.14159", "1,000,000", "1e10", "0x1F", "1st 2nd 3rd 4th",
        "a 4k 8k 16k 1080p 720p image", "f/2.8 1/250s iso100", "24mm 50mm 85mm 135mm", "version 1.0.2-beta",
        "٣ ٤ ٥ Arabic-Indic digits", "१२३ Devanagari digits", "½ ¼ ¾ fractions", "x² y³ superscripts",
        "Ⅻ Ⅳ roman numerals ⅻ", "①②③ circled", "一二三 CJK numerals", "𝟙𝟚𝟛 math digits", "９ fullwidth digit",
        # contractions
        "don't", "Don't", "DON'T", "it's", "It's", "IT'S", "we're", "they've", "I'm", "you'll", "he'd",
        "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'sun", "'tis", "'twas", "rock 'n' roll",
        "cat's toy", "cats' toys", "o'clock", "''s", "s''", "'''", "the dog’s bone", "l'amour",
        "won't can't shouldn't wouldn't couldn't", "y'all'd've",
        # accents, other Latin
        "café", "CAFÉ", "cafe\u0301", "naïve façade", "résumé", "Ångström", "São Paulo", "Zürich",
        "Straße", "STRASSE", "ẞ", "İstanbul", "ıi", "Ǆ ǅ ǆ", "Ǳ ǲ ǳ", "æøå ÆØÅ", "œuvre Œ", "ÿ Ÿ",
        "Dvořák", "Łódź", "Ţară", "ñandú", "n\u0303", "e\u0301\u0327", "a\u0308\u0301", "\u0301leading mark",
        "Z\u0351\u0364\u0363a\u0363\u034c\u0352l\u0367\u034b\u0310g\u0359\u0349o", "Ａ Ｂ Ｃ fullwidth", "K Kelvin", "Ω Ohm", "ﬁ ligature",
        # Greek, Cyrillic, Armenian, Georgian
        "ΟΔΟΣ", "οδός", "Σίσυφος", "ΣΊΣΥΦΟΣ", "Привет, мир!", "МОСКВА", "Ѐ ѐ", "Բարեւ", "ႠႡ ⴀⴁ", "ᲐᲑ",
        # CJK, Japanese, Korean
        "日本語のテキスト", "一只可爱的猫", "中文提示词，高质量，细节丰富", "東京タワーの夜景",
        "カタカナ ひらがな", "ｶﾀｶﾅ halfwidth", "한국어 프롬프트", "강아지와 고양이",
        "\u1100\u1161\u11a8", "\u1112\u1161\u11ab\u1100\u1173\u11af", "\u1113\u1167\u11a7", "\uac00\u11a8",
        "\u110d\u1166\u11a7a", "\u1102\u1165\u11c3", "𠀀𠀁 extension B", "〇 々 〆",
        "漢字とかなmixedテキスト123", "猫😺cat",
        # emoji
        "😀", "😀😃😄", "🐱 cat", "a 🐶 and a 🐱", "👩‍🚀 astronaut", "👨‍👩‍👧‍👦", "👍🏽", "🇯🇵 🇺🇸",
        "1️⃣ keycap", "❤️ heart", "⭐️✨🌟", "🏳️‍🌈", "emoji at end 🎨", "🎨emoji at start",
        # whitespace
        "", " ", "  ", "\t", "\n", "\r\n", "   leading spaces", "trailing spaces   ",
        "many     spaces     between", "tabs\tbetween\twords", "new\nlines\nhere", "windows\r\nline\r\nends",
        "mixed \t\n\r\x0b\x0c whitespace", "no\u00a0break\u00a0space", "ideographic\u3000space",
        "em\u2003space thin\u2009space", "line\u2028separator paragraph\u2029separator", "next\u0085line",
        "narrow\u202fnbsp", "mongolian\u180evowel", "ogham\u1680space", "\x1c\x1d\x1e\x1f separators",
        # zero-width and format characters
        "zero\u200bwidth", "zero\u200cwidth\u200dpieces", "word\u2060joiner", "\ufeffbom", "soft\u00adhyphen",
        "a\u200e\u200fb marks", "\u202eright-to-left override", "variation\ufe0fselector",
        # control characters
        "nul\x00char", "bell\x07", "escape \x1b[31mred\x1b[0m", "del\x7f", "replacement \ufffd char",
        "private \ue000 use", "noncharacter \uffff", "plane16 \U0010fffd",
        # right-to-left scripts
        "مرحبا بالعالم", "قطة جميلة", "שלום עולם", "חתול", "سلام ۱۲۳", "mixed עברית and English",
        # other scripts
        "नमस्ते दुनिया", "বাংলা", "தமிழ்", "ไทย ภาษา", "ພາສາລາວ", "ᎣᏏᏲ", "ᚠᚢᚦ", "Ⲁⲃ", "𐌰𐌱",
        "\U00011935\U00011930 dives akuru", "\U00011938 composed", "\u0b47\u0b3e oriya",
        "\u088f\u0c5c\u0cdc unicode 17 letters", "\U00011de0\U00011de1 unicode 17 digits",
        # special tokens written in the prompt
        EOS, BOS, f"{BOS} a cat {EOS}", f"a cat{EOS}", f"a cat {EOS} a dog", f"{EOS}{EOS}",
        "<|ENDOFTEXT|>", "<|EndOfText|> mixed", "<|STARTOFTEXT|>", "<| endoftext |>", "<|endoftext|>!",
        "abc,<|endoftext|>", f"\t{EOS}\n", f"{EOS}x{BOS}y",
        # HTML and markup
        "&amp; &lt; &gt; &quot; &#39; &nbsp;", "Tom &amp;amp; Jerry", "<b>bold</b> <i>italic</i>",
        "<img src=\"a.png\">", "&#x1F600; &#128512;", "**markdown** _style_ `code`",
        "C:\\path\\to\\file.png", "key=value; other=\"x\"",
    ]
    # exact length boundaries: each "a" is one token
    for n in (74, 75, 76, 77, 100):
        prompts.append(" ".join(["a"] * n))
    prompts.append("photo " * 80)
    prompts.append(("a beautiful painting of a landscape with mountains, rivers, trees, and a dramatic sky, "
                    "highly detailed, trending on artstation, by greg rutkowski and alphonse mucha, "
                    "golden hour lighting, volumetric fog, 8k resolution, masterpiece, award winning, "
                    "sharp focus, intricate details, vibrant colors, cinematic composition"))
    prompts.append("日本語" * 40)
    prompts.append("😀" * 60)
    prompts.append("!" * 100)
    prompts.append("a, " * 60)
    prompts.append(EOS * 90)
    # reproducible mixtures of everything above
    rng = random.Random(20261129)
    pools = [
        "cat dog photo painting portrait the of a an and with in on at by highly detailed".split(),
        ["!", "?", ",", ".", ":", ";", "(", ")", "[", "]", "{", "}", "-", "_", "'", "\"", "&", "|", "<", ">", "/", "\\"],
        list("0123456789") + ["1.5", "42", "2024"],
        ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "n't"],
        "café naïve Zürich Straße İ ΟΔΟΣ Привет ñ e\u0301 Ångström".split(),
        "日本 語 猫 犬 한국 어 東京 カタ".split(),
        ["😀", "🐱", "👩‍🚀", "🇯🇵", "❤️", "🏽"],
        [" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u200b", "\u200d"],
        [EOS, BOS, "<|ENDOFTEXT|>"],
        "مرحبا שלום नमस्ते".split(),
        ["\u0301", "\u0308", "\u0327", "\u1161", "\u11a8"],
    ]
    weights = [10, 4, 3, 2, 3, 2, 2, 4, 1, 1, 1]
    for _ in range(120):
        parts = []
        for _ in range(rng.randint(1, 40)):
            pool = rng.choices(pools, weights)[0]
            parts.append(rng.choice(pool))
            if rng.random() < 0.6:
                parts.append(" ")
        prompts.append("".join(parts))
    return list(dict.fromkeys(prompts))


def special_corpus():
    """Prompts whose ids depend on the configuration's added tokens and flags."""
    return [
        "a photo of a cat", "hello!", "wow!!", "! ! !", "x!y", "", EOS, BOS, f"a{BOS}b", f"a cat {EOS} a dog",
        "<|ENDOFTEXT|> x", "<|STARTOFTEXT|> y", "<|EndOfText|>", "abc,<|endoftext|>", f"{EOS}!{BOS}",
        "<Cat-Toy> on a table", "a <cat-toy>", "a<CAT-TOY>b", "a   <Cat-Toy>   b", "\t<Cat-Toy>",
        "MyStyle painting", "a MyStyle b", "aMyStyle", "MyStyleb", "mystyle MYSTYLE", "_MyStyle_", "MyStyle!",
        "x [sep]   y", "[sep]", "[SEP] z", "a [sep]\n\tb", "zz", "a zz b", "azzb", " ZZ ", "zzz", "zz zz",
        "<my-embedding> style", "a<my-embedding>b", "<MY-EMBEDDING>",
        " ".join(["a"] * 30), " ".join(f"w{i}" for i in range(40)), "photo " * 80,
        "日本語のテキスト", "cafe\u0301 ΟΔΟΣ", "😀 👩‍🚀",
    ]


# ---------------------------------------------------------------- reference encoding

def encode(tok, prompt, max_length):
    """As StableDiffusionXLPipeline.encode_prompt calls the tokenizer."""
    ids = tok(prompt, padding="max_length", max_length=max_length, truncation=True, return_tensors="pt").input_ids
    untruncated = tok(prompt, padding="longest", return_tensors="pt").input_ids
    # Where CLIPTextTransformer pools: argmax for configs with eos_token_id == 2 (both SDXL text
    # encoders), else the first eos_token_id; the same position when <|endoftext|> is the largest id.
    pool = int(ids[0].to(torch.int).argmax(dim=-1))
    if int(ids[0].max()) == tok.eos_token_id:
        assert pool == int((ids[0] == tok.eos_token_id).int().argmax(dim=-1))
    ids = ids[0].tolist()
    assert len(ids) == max_length
    return ids, untruncated.shape[-1], pool


def resolved_tokens(tok):
    added = []
    for index, token in sorted(tok.backend_tokenizer.get_added_tokens_decoder().items()):
        added.append({"id": index, "content": token.content, "normalized": token.normalized,
                      "lstrip": token.lstrip, "rstrip": token.rstrip, "single_word": token.single_word})
    return {"bos": tok.bos_token_id, "eos": tok.eos_token_id, "pad": tok.pad_token_id, "added": added}


# ---------------------------------------------------------------- unicode tables

def unicode_tables():
    scalars = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]

    def matching(pattern):
        marker = normalizers.Replace(Regex(pattern), "\x00")
        found = []
        for start in range(0, len(scalars), 4096):
            part = scalars[start:start + 4096]
            out = marker.normalize_str("".join(map(chr, part)))
            assert len(out) == len(part)
            found += [c for c, o in zip(part, out) if o == "\x00" and c != 0]
        return found

    def ranges(values):
        out = []
        for c in values:
            if out and out[-1][1] == c - 1:
                out[-1][1] = c
            else:
                out.append([c, c])
        return out

    lower, nfc = normalizers.Lowercase(), normalizers.NFC()
    lowercase = {}
    composed = {}
    for c in scalars:
        s = chr(c)
        if (o := lower.normalize_str(s)) != s:
            lowercase[str(c)] = [ord(x) for x in o]
        if (o := nfc.normalize_str(s)) != s:
            composed[str(c)] = [ord(x) for x in o]
    # sequences: canonical decompositions, shuffled combining marks, conjoining jamo, script vowel pairs
    rng = random.Random(7)
    canonical = [c for c in scalars if unicodedata.decomposition(chr(c)) and not unicodedata.decomposition(chr(c)).startswith("<")]
    sequences = [unicodedata.normalize("NFD", chr(c)) for c in canonical]
    sequences = rng.sample(sequences, 600)
    marks = [chr(c) for c in range(0x300, 0x370)] + ["\u0327", "\u05b0", "\u0f71", "\u1dc0", "\u20d0", "\u3099", "\u309a"]
    for _ in range(600):
        s = rng.choice("aeiouAEIOUcnsyzCNSYZ\u3046\u304b\u03b1\u0391\u0430\u05d0") + "".join(rng.choice(marks) for _ in range(rng.randint(1, 4)))
        sequences.append(rng.choice(marks) + s if rng.random() < 0.3 else s)
    for _ in range(600):
        lead = chr(0x1100 + rng.randint(0, 20))
        vowel = chr(0x1161 + rng.randint(0, 22))
        trail = chr(0x11A7 + rng.randint(0, 28)) if rng.random() < 0.7 else ""
        sequences.append(lead + vowel + trail + rng.choice(["", "a", "\u0301", vowel, "\uac00", "\u11a8"]))
    sequences += ["\U00011935\U00011930", "\U00011935\U00011930\U00011930", "\u0b47\u0b3e", "\u0dd9\u0dcf", "\u1025\u102e",
                  "\U00011347\U0001133e", "\U000114b9\U000114ba", "\U000115b8\U000115af", "\uac00\u11a8", "\uac01\u11a8",
                  "\u1100\u1161\u11a8\u11a8", "a\u0301\u0301", "\u0301", "\u0308\u0301a"]
    return {
        "reference": f"tokenizers {tokenizers.__version__}",
        "letter": ranges(matching(r"\p{L}")),
        "number": ranges(matching(r"\p{N}")),
        "whitespace": matching(r"\s"),
        "lowercase": lowercase,
        "nfc": composed,
        "nfc_sequences": [[s, nfc.normalize_str(s)] for s in sequences],
    }


# ---------------------------------------------------------------- main

def main():
    merges = clip_merges()
    vocab = clip_vocab(merges)
    reference = check_against_open_clip(vocab, merges)

    variants = {
        "sdxl-tokenizer": published_config(EOS),
        "sdxl-tokenizer_2": published_config("!"),
        "resaved-tokenizer": resaved_config(EOS),
        "resaved-tokenizer_2": resaved_config("!"),
        "exotic": exotic_config(),
        "added-tokens-json": legacy_added_tokens_config(),
    }
    template = tokenizer_json_template(variants["sdxl-tokenizer_2"], vocab, merges)
    variants["tokenizer-json"] = {**variants["sdxl-tokenizer_2"], "tokenizer.json": template}
    variants["tokenizer-json-only"] = {"tokenizer.json": tokenizer_json_template(variants["sdxl-tokenizer"], vocab, merges)}

    prompts = corpus()
    specials = special_corpus()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, files in variants.items():
            form = "pairs" if name == "tokenizer-json" else "strings"
            folder = write_folder(pathlib.Path(tmp) / name, files, vocab, merges, merges_form=form)
            tok = CLIPTokenizer.from_pretrained(str(folder))
            # A folder without tokenizer_config.json has no model_max_length; SDXL's is 77.
            max_length = tok.model_max_length if tok.model_max_length < 10**6 else 77
            full = name in FULL_CORPUS_VARIANTS
            encoded = [encode(tok, p, max_length) for p in (prompts if full else specials)]
            results[name] = {"max_length": max_length, **resolved_tokens(tok),
                             "ids": [e[0] for e in encoded], "token_counts": [e[1] for e in encoded],
                             "pooling_indices": [e[2] for e in encoded]}
            if name == "tokenizer-json":
                # The Swift tests run the whole corpus through this form too, against tokenizer_2's ids.
                tokenizer_2 = results["sdxl-tokenizer_2"]
                assert [encode(tok, p, max_length) for p in prompts] == list(zip(
                    tokenizer_2["ids"], tokenizer_2["token_counts"], tokenizer_2["pooling_indices"]))
            print(f"{name}: max_length {max_length}, added {[(a['id'], a['content'], a['normalized']) for a in results[name]['added']]}")

    # open_clip's tokenizer cleans text differently (ftfy, html.unescape, strip): compare where that is neutral.
    with tempfile.TemporaryDirectory() as tmp:
        hf = CLIPTokenizer.from_pretrained(str(write_folder(pathlib.Path(tmp), variants["sdxl-tokenizer"], vocab, merges)))
    compared = 0
    for prompt in prompts:
        if prompt.isascii() and "&" not in prompt and "<|" not in prompt and prompt.isprintable():
            assert reference.encode(prompt) == hf(prompt, add_special_tokens=False).input_ids, prompt
            compared += 1
    print(f"open_clip agrees on {compared} ASCII prompts; vocabulary and merges equal open_clip's")
    differing = [p for p, a, b in zip(prompts, results["sdxl-tokenizer"]["ids"], results["sdxl-tokenizer_2"]["ids"])
                 if [x if x != 49407 else 0 for x in a] != [x if x != 49407 else 0 for x in b]]
    print(f"tokenizer_2 differs from tokenizer/ beyond padding on {len(differing)} prompts, e.g. {differing[:4]!r}")

    RESOURCE.parent.mkdir(parents=True, exist_ok=True)
    RESOURCE.write_text("#version: 0.2\n" + "\n".join(merges) + "\n", encoding="utf-8")
    if FIXTURES.exists():
        shutil.rmtree(FIXTURES)
    (FIXTURES / "configs").mkdir(parents=True)
    (FIXTURES / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for name, files in variants.items():
        folder = FIXTURES / "configs" / name
        folder.mkdir()
        for file, content in files.items():
            (folder / file).write_text(json.dumps(content, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    document = {
        "reference": f"transformers {transformers.__version__} CLIPTokenizer, tokenizers {tokenizers.__version__}",
        "prompts": prompts,
        "special_prompts": specials,
        "variants": results,
        "full_corpus_variants": list(FULL_CORPUS_VARIANTS),
    }
    (FIXTURES / "corpus.json").write_text(compact_json(document), encoding="utf-8")
    (FIXTURES / "unicode.json").write_text(compact_json(unicode_tables()), encoding="utf-8")
    for path in sorted([RESOURCE, *FIXTURES.rglob("*.json")]):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


def compact_json(value):
    return json.dumps(value, ensure_ascii=True, separators=(",", ":")) + "\n"


if __name__ == "__main__":
    sys.exit(main())
