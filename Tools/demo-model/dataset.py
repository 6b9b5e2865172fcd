#!/usr/bin/env python3
"""Procedural pictures for the bundled demo model: flat shapes in named colours on named backgrounds.

Every sample follows the SDXL paper's data recipe in miniature (Podell et al. 2023, section 2.2):

  * A scene (one or two shapes on a background) is composed on a *canvas*, with the shapes whole
    and roughly centred, as a photographer frames a subject.
  * The scene is rendered at an *original* resolution and resized to the canvas. Most originals are
    larger than the canvas (drawn sharp, then downsampled with anti-aliasing); about a third are
    small originals (6 to 14 pixels on the short side) upscaled bilinearly, so they are blurry.
    `original_size` records the rendered size as (height, width).
  * The canvas is the bucket size plus a random margin; a bucket-sized window is cropped from it
    and `crops_coords_top_left` records the window's (top, left). Two samples in five are not
    cropped at all (margin 0, crop (0, 0)), so crop (0, 0) mostly means "the whole composition",
    and a crop offset near the margin's end means the frame cuts the subject.
  * `target_size` is the bucket size (height, width). There are three aspect buckets.

Some colour/shape pairs never appear in training (HELD_OUT_PAIRS), neither as the first nor as the
second object, so an evaluation can ask for pairs the model never saw together.

Run it alone to write a contact sheet of samples:
    python3 Tools/demo-model/dataset.py --sheet /tmp/sheet.png
"""
import argparse
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

# Eight colours that stay apart after rounding, blur and a lossy autoencoder (sRGB, 0-255).
COLOURS = {
    "red": (220, 40, 40),
    "green": (40, 170, 60),
    "blue": (40, 70, 220),
    "yellow": (240, 215, 40),
    "purple": (140, 50, 180),
    "orange": (245, 140, 30),
    "white": (240, 240, 240),
    "black": (20, 20, 20),
}
COLOUR_NAMES = list(COLOURS)
SHAPES = ["circle", "square", "triangle", "ring", "star", "diamond"]

# Colour/shape pairs that training never shows.
HELD_OUT_PAIRS = {("red", "star"), ("green", "triangle"), ("blue", "ring"),
                  ("yellow", "diamond"), ("purple", "square"), ("orange", "circle")}

# Aspect buckets as (height, width) in pixels: multiples of 16 so that latent sides stay
# divisible by 4 with a 4x autoencoder (three UNet levels).
BUCKETS = [(64, 64), (48, 80), (80, 48)]
BUCKET_WEIGHTS = [0.5, 0.25, 0.25]

# Crop margins: a canvas is the bucket plus up to this fraction of each side.
MAX_MARGIN_FRACTION = 0.75
UNCROPPED_PROBABILITY = 0.4
SMALL_ORIGINAL_PROBABILITY = 0.35
SMALL_ORIGINAL_SIDES = (6, 14)       # short side of a small original, pixels
LARGE_ORIGINAL_SCALES = (1.0, 2.0)   # original = canvas x scale
TWO_OBJECT_PROBABILITY = 0.25
# The continuation stage (train.py --stage base-more) also draws "far-corner" crops: a wide margin
# on both sides and the window at its far end, so that a large crop offset is seen often enough,
# always with the subject cut. The first stages draw none (probability 0).
FAR_CORNER_MARGIN_FRACTION = (0.5, 0.75)


@dataclass
class Sample:
    image: np.ndarray          # [H, W, 3] uint8, the bucket-sized crop
    caption: str
    original_size: tuple       # (height, width) of the rendered original
    crop_top_left: tuple       # (top, left) of the window in the canvas
    target_size: tuple         # (height, width) of the bucket
    sharp: bool                # rendered at or above the canvas size
    objects: list              # [(colour, shape)]
    background: str


def allowed_pairs():
    return [(c, s) for c in COLOUR_NAMES for s in SHAPES if (c, s) not in HELD_OUT_PAIRS]


def caption_for(objects, background):
    parts = [f"a {c} {s}" for c, s in objects]
    return " and ".join(parts) + f" on a {background} background"


def shape_polygon(shape, cx, cy, r, angle):
    """Vertices of a polygonal shape centred at (cx, cy) with circumradius r."""
    def ring_points(count, radius, phase):
        return [(cx + radius * math.cos(phase + 2 * math.pi * k / count),
                 cy + radius * math.sin(phase + 2 * math.pi * k / count)) for k in range(count)]
    if shape == "square":
        return ring_points(4, r, angle + math.pi / 4)
    if shape == "diamond":
        return ring_points(4, r, angle)
    if shape == "triangle":
        return ring_points(3, r, angle - math.pi / 2)
    if shape == "star":
        outer = ring_points(5, r, angle - math.pi / 2)
        inner = ring_points(5, r * 0.45, angle - math.pi / 2 + math.pi / 5)
        return [p for pair in zip(outer, inner) for p in pair]
    raise ValueError(shape)


def draw_shape(draw, shape, cx, cy, r, colour, background, angle):
    if shape == "circle":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
    elif shape == "ring":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour)
        inner = r * 0.55
        draw.ellipse([cx - inner, cy - inner, cx + inner, cy + inner], fill=background)
    else:
        draw.polygon(shape_polygon(shape, cx, cy, r, angle), fill=colour)


def jitter(rgb, rng, amount=10):
    return tuple(int(np.clip(v + rng.integers(-amount, amount + 1), 0, 255)) for v in rgb)


def compose(rng, canvas_h, canvas_w, objects):
    """Places the objects whole inside the canvas, in canvas units: [(cx, cy, r, angle)]."""
    short = min(canvas_h, canvas_w)
    placements = []
    if len(objects) == 1:
        r = short * rng.uniform(0.17, 0.30)
        margin = r + 3
        cx = canvas_w / 2 + rng.uniform(-1, 1) * max(0.0, min(canvas_w * 0.12, canvas_w / 2 - margin))
        cy = canvas_h / 2 + rng.uniform(-1, 1) * max(0.0, min(canvas_h * 0.12, canvas_h / 2 - margin))
        placements.append((cx, cy, r, rng.uniform(0, 0.4)))
    else:
        r = short * rng.uniform(0.13, 0.19)
        horizontal = canvas_w >= canvas_h
        for k in range(2):
            along = (0.28 if k == 0 else 0.72) + rng.uniform(-0.04, 0.04)
            across = 0.5 + rng.uniform(-0.08, 0.08)
            cx, cy = (along * canvas_w, across * canvas_h) if horizontal else (across * canvas_w, along * canvas_h)
            placements.append((cx, cy, r, rng.uniform(0, 0.4)))
    return placements


def render(canvas_h, canvas_w, original_h, original_w, placements, objects, bg_rgb, obj_rgbs):
    """Draws the scene at the original size and resizes it to the canvas."""
    sx, sy = original_w / canvas_w, original_h / canvas_h
    picture = Image.new("RGB", (original_w, original_h), bg_rgb)
    draw = ImageDraw.Draw(picture)
    for (cx, cy, r, angle), (_, shape), rgb in zip(placements, objects, obj_rgbs):
        draw_shape(draw, shape, cx * sx, cy * sy, r * min(sx, sy), rgb, bg_rgb, angle)
    if (original_w, original_h) == (canvas_w, canvas_h):
        return picture
    if original_w > canvas_w:
        return picture.resize((canvas_w, canvas_h), Image.Resampling.BOX)
    return picture.resize((canvas_w, canvas_h), Image.Resampling.BILINEAR)


def make_sample(rng, bucket=None, allow_two=True, far_corner_probability=0.0):
    if bucket is None:
        bucket = BUCKETS[rng.choice(len(BUCKETS), p=BUCKET_WEIGHTS)]
    th, tw = bucket
    pairs = allowed_pairs()
    count = 2 if (allow_two and rng.random() < TWO_OBJECT_PROBABILITY) else 1
    first = pairs[rng.integers(len(pairs))]
    objects = [first]
    if count == 2:
        while True:
            second = pairs[rng.integers(len(pairs))]
            if second[0] != first[0]:
                objects.append(second)
                break
    used = {c for c, _ in objects}
    background = [c for c in COLOUR_NAMES if c not in used][rng.integers(len(COLOUR_NAMES) - len(used))]

    if far_corner_probability > 0 and rng.random() < far_corner_probability:
        low, high = FAR_CORNER_MARGIN_FRACTION
        margin_h = int(rng.integers(int(th * low), int(th * high) + 1))
        margin_w = int(rng.integers(int(tw * low), int(tw * high) + 1))
        top, left = margin_h, margin_w
    else:
        if rng.random() < UNCROPPED_PROBABILITY:
            margin_h = margin_w = 0
        else:
            margin_h = int(rng.integers(0, int(th * MAX_MARGIN_FRACTION) + 1))
            margin_w = int(rng.integers(0, int(tw * MAX_MARGIN_FRACTION) + 1))
        top = int(rng.integers(0, margin_h + 1))
        left = int(rng.integers(0, margin_w + 1))
    canvas_h, canvas_w = th + margin_h, tw + margin_w

    sharp = rng.random() >= SMALL_ORIGINAL_PROBABILITY
    if sharp:
        scale = rng.uniform(*LARGE_ORIGINAL_SCALES)
        original_h, original_w = max(canvas_h, round(canvas_h * scale)), max(canvas_w, round(canvas_w * scale))
    else:
        short = rng.integers(SMALL_ORIGINAL_SIDES[0], SMALL_ORIGINAL_SIDES[1] + 1)
        scale = short / min(canvas_h, canvas_w)
        original_h, original_w = max(4, round(canvas_h * scale)), max(4, round(canvas_w * scale))

    placements = compose(rng, canvas_h, canvas_w, objects)
    bg_rgb = jitter(COLOURS[background], rng)
    obj_rgbs = [jitter(COLOURS[c], rng) for c, _ in objects]
    canvas = render(canvas_h, canvas_w, original_h, original_w, placements, objects, bg_rgb, obj_rgbs)
    window = np.asarray(canvas, dtype=np.uint8)[top:top + th, left:left + tw]
    return Sample(image=np.ascontiguousarray(window), caption=caption_for(objects, background),
                  original_size=(original_h, original_w), crop_top_left=(top, left), target_size=(th, tw),
                  sharp=sharp, objects=objects, background=background)


def make_dataset(count, seed, far_corner_probability=0.0):
    """`count` samples grouped by bucket: {bucket: dict of stacked arrays and lists}."""
    rng = np.random.default_rng(seed)
    groups = {b: {"images": [], "captions": [], "original": [], "crop": [], "target": [], "sharp": []}
              for b in BUCKETS}
    for _ in range(count):
        s = make_sample(rng, far_corner_probability=far_corner_probability)
        g = groups[s.target_size]
        g["images"].append(s.image)
        g["captions"].append(s.caption)
        g["original"].append(s.original_size)
        g["crop"].append(s.crop_top_left)
        g["target"].append(s.target_size)
        g["sharp"].append(s.sharp)
    out = {}
    for b, g in groups.items():
        out[b] = {"images": np.stack(g["images"]), "captions": g["captions"],
                  "original": np.array(g["original"], dtype=np.float32),
                  "crop": np.array(g["crop"], dtype=np.float32),
                  "target": np.array(g["target"], dtype=np.float32),
                  "sharp": np.array(g["sharp"], dtype=bool)}
    return out


def all_training_captions():
    """Every caption the generator can produce (for the tokenizer's used-token set)."""
    pairs = allowed_pairs()
    captions = set()
    for c, s in pairs:
        for bg in COLOUR_NAMES:
            if bg != c:
                captions.add(caption_for([(c, s)], bg))
    return sorted(captions)


def vocabulary_words():
    return COLOUR_NAMES + SHAPES + ["a", "and", "on", "background"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sheet", help="write a contact sheet of samples to this PNG")
    parser.add_argument("--count", type=int, default=48)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    samples = [make_sample(rng, bucket=(64, 64)) for _ in range(args.count)]
    for s in samples[:12]:
        print(f"{s.caption:60s} original={s.original_size} crop={s.crop_top_left} sharp={s.sharp}")
    if args.sheet:
        columns = 8
        rows = (len(samples) + columns - 1) // columns
        sheet = Image.new("RGB", (columns * 66, rows * 66), (128, 128, 128))
        for k, s in enumerate(samples):
            sheet.paste(Image.fromarray(s.image), ((k % columns) * 66 + 1, (k // columns) * 66 + 1))
        sheet.resize((sheet.width * 2, sheet.height * 2), Image.Resampling.NEAREST).save(args.sheet)


if __name__ == "__main__":
    main()
