#!/usr/bin/env python3
"""Evaluates the bundled demo model with diffusers' own SDXL pipelines (fp32, CPU).

For a set of prompts and seeds it measures (measure.py) what the paper's claims predict:
  * prompt following: the dominant object colour and the background colour against the prompt, on
    20 colour/shape prompts of which 6 name pairs training never showed (dataset.HELD_OUT_PAIRS);
  * crop conditioning: whether the object is whole at crops_coords_top_left (0, 0) and cut by the
    frame at an offset near the end of the training margins;
  * size conditioning: high-frequency energy with a small original_size against a large one;
  * the refiner as ensemble of experts (base to 80 % of the schedule, refiner after): how far the
    picture moves, and whether its colours stay right.
It prints one table per measurement and the rates, and with --swift-fixture writes the sample the
Swift tests (Tests/DemoModelTests) generate, with the measurements diffusers' pictures give.

Run from the repository root:
    python3 Tools/demo-model/evaluate.py [--seeds 10] [--swift-fixture Tests/DemoModelTests/Fixtures/expected.json]
"""
import argparse
import json
import pathlib
import sys
import time

import numpy as np
import torch
from diffusers import StableDiffusionXLImg2ImgPipeline, StableDiffusionXLPipeline

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import dataset  # noqa: E402
import measure  # noqa: E402

STEPS = 20
GUIDANCE = 5.0
SWITCH = 0.8
SIZE = 64
EDGE_CROP = (32, 32)            # (top, left): the window's far corner near the canvas's (margins <= 48)
CROP_ORIGINAL = (128, 128)      # a canvas large enough to crop from
SMALL_ORIGINAL = (10, 10)
LARGE_ORIGINAL = (128, 128)

# 14 pairs seen in training and the 6 held-out pairs, on varied backgrounds.
COLOUR_PROMPTS = [
    ("red", "circle", "blue"), ("green", "square", "white"), ("blue", "triangle", "yellow"),
    ("yellow", "star", "purple"), ("purple", "ring", "orange"), ("orange", "diamond", "black"),
    ("white", "circle", "red"), ("black", "square", "green"), ("red", "ring", "white"),
    ("green", "star", "black"), ("blue", "diamond", "orange"), ("yellow", "circle", "blue"),
    ("white", "star", "blue"), ("black", "triangle", "yellow"),
    # held out
    ("red", "star", "green"), ("green", "triangle", "purple"), ("blue", "ring", "white"),
    ("yellow", "diamond", "black"), ("purple", "square", "yellow"), ("orange", "circle", "blue"),
]
assert len(COLOUR_PROMPTS) == 20


def prompt_of(colour, shape, background):
    return dataset.caption_for([(colour, shape)], background)


class Generator:
    def __init__(self, model):
        self.base = StableDiffusionXLPipeline.from_pretrained(model / "base", torch_dtype=torch.float32)
        self.refiner = None
        if (model / "refiner" / "unet").exists():
            self.refiner = StableDiffusionXLImg2ImgPipeline.from_pretrained(
                model / "refiner", text_encoder_2=self.base.text_encoder_2, vae=self.base.vae,
                torch_dtype=torch.float32)
        for pipe in (self.base, self.refiner):
            if pipe is not None:
                pipe.set_progress_bar_config(disable=True)
        self.count = 0

    def __call__(self, prompt, seed, crop=(0, 0), original=None, refiner=False):
        self.count += 1
        generator = torch.Generator("cpu").manual_seed(seed)
        common = dict(prompt=prompt, num_inference_steps=STEPS, guidance_scale=GUIDANCE, generator=generator)
        size = dict(height=SIZE, width=SIZE, crops_coords_top_left=crop,
                    original_size=original or (SIZE, SIZE), target_size=(SIZE, SIZE))
        if not refiner:
            return np.asarray(self.base(**common, **size).images[0])
        latents = self.base(**common, **size, denoising_end=SWITCH, output_type="latent").images
        return np.asarray(self.refiner(**common, image=latents, denoising_start=SWITCH, crops_coords_top_left=crop,
                                       original_size=original or (SIZE, SIZE), target_size=(SIZE, SIZE)).images[0])


def measured(image):
    return {"background": measure.background(image), "object": measure.object_colour(image),
            "cut": measure.is_cut(image), "high_frequency": round(measure.high_frequency(image), 6)}


def rate(values):
    return 100.0 * np.mean(values) if len(values) else float("nan")


def evaluate_colours(generate, seeds):
    print(f"\n== Prompt following: {len(COLOUR_PROMPTS)} prompts x {len(seeds)} seeds "
          f"({STEPS} Euler steps, guidance {GUIDANCE}, {SIZE}x{SIZE}) ==")
    print(f"{'prompt':50s} {'held out':8s} {'object ok':>9s} {'bg ok':>6s}  object colours seen")
    rows = []
    for colour, shape, background in COLOUR_PROMPTS:
        held = (colour, shape) in dataset.HELD_OUT_PAIRS
        results = [measured(generate(prompt_of(colour, shape, background), seed)) for seed in seeds]
        obj = [r["object"] == colour for r in results]
        bg = [r["background"] == background for r in results]
        rows.append((held, obj, bg))
        seen = ",".join(str(r["object"]) for r in results)
        print(f"{prompt_of(colour, shape, background):50s} {'yes' if held else '':8s} "
              f"{sum(obj):5d}/{len(obj):<3d} {sum(bg):3d}/{len(bg):<3d} {seen}")
    all_obj = [v for _, o, _ in rows for v in o]
    all_bg = [v for _, _, b in rows for v in b]
    held_obj = [v for h, o, _ in rows if h for v in o]
    held_bg = [v for h, _, b in rows if h for v in b]
    print(f"object colour right: {rate(all_obj):.1f} % (held-out pairs {rate(held_obj):.1f} %); "
          f"background right: {rate(all_bg):.1f} % (held-out pairs {rate(held_bg):.1f} %)")
    return {"object": rate(all_obj), "background": rate(all_bg), "held_out_object": rate(held_obj),
            "held_out_background": rate(held_bg)}


def evaluate_red_circle(generate, seeds):
    prompt = "a red circle on a blue background"
    results = [measured(generate(prompt, seed)) for seed in seeds]
    ok = [r["object"] == "red" and r["background"] == "blue" for r in results]
    print(f"\n== '{prompt}': red object on blue in {sum(ok)}/{len(ok)} seeds "
          "(" + ", ".join(f"{r['object']}/{r['background']}" for r in results) + ")")
    return sum(ok)


def evaluate_crops(generate, seeds):
    prompts = [prompt_of(*p) for p in COLOUR_PROMPTS[:10]]
    print(f"\n== Crop conditioning: {len(prompts)} prompts x {len(seeds)} seeds, original_size {CROP_ORIGINAL}; "
          f"whole at crop (0, 0), cut at crop {EDGE_CROP} ==")
    print(f"{'prompt':50s} {'whole @0,0':>10s} {'cut @edge':>10s}")
    whole_all, cut_all = [], []
    for prompt in prompts:
        whole = [not measured(generate(prompt, s, crop=(0, 0), original=CROP_ORIGINAL))["cut"] for s in seeds]
        cut = [measured(generate(prompt, s, crop=EDGE_CROP, original=CROP_ORIGINAL))["cut"] for s in seeds]
        whole_all += whole
        cut_all += cut
        print(f"{prompt:50s} {sum(whole):6d}/{len(whole):<3d} {sum(cut):6d}/{len(cut):<3d}")
    print(f"object whole at crop (0, 0): {rate(whole_all):.1f} %; cut at crop {EDGE_CROP}: {rate(cut_all):.1f} %")
    return {"whole_at_zero": rate(whole_all), "cut_at_edge": rate(cut_all)}


def evaluate_sizes(generate, seeds):
    prompts = [prompt_of(*p) for p in COLOUR_PROMPTS[:10]]
    print(f"\n== Size conditioning: high-frequency energy, original_size {SMALL_ORIGINAL} vs {LARGE_ORIGINAL}, "
          f"{len(prompts)} prompts x {len(seeds)} seeds ==")
    small_all, large_all = [], []
    for prompt in prompts:
        small = [measure.high_frequency(generate(prompt, s, original=SMALL_ORIGINAL)) for s in seeds]
        large = [measure.high_frequency(generate(prompt, s, original=LARGE_ORIGINAL)) for s in seeds]
        small_all += small
        large_all += large
        print(f"{prompt:50s} small {np.mean(small):.5f}  large {np.mean(large):.5f}  "
              f"blurrier in {sum(a < b for a, b in zip(small, large))}/{len(small)}")
    pairs = sum(a < b for a, b in zip(small_all, large_all))
    print(f"mean high-frequency energy: small original {np.mean(small_all):.5f}, large {np.mean(large_all):.5f} "
          f"(ratio {np.mean(large_all) / np.mean(small_all):.2f}); small is blurrier in {pairs}/{len(small_all)} pairs")
    return {"small": float(np.mean(small_all)), "large": float(np.mean(large_all)),
            "pairs_blurrier": 100.0 * pairs / len(small_all)}


def evaluate_refiner(generate, seeds):
    prompts = [prompt_of(*p) for p in COLOUR_PROMPTS[:5]]
    print(f"\n== Refiner as ensemble of experts (switch at {SWITCH}): {len(prompts)} prompts x {len(seeds)} seeds ==")
    differences, kept, hf_base, hf_refined = [], [], [], []
    for prompt, (colour, _, background) in zip(prompts, COLOUR_PROMPTS):
        for s in seeds:
            base = generate(prompt, s)
            refined = generate(prompt, s, refiner=True)
            differences.append(np.abs(base.astype(np.float64) - refined).mean() / 255)
            m = measured(refined)
            kept.append(m["object"] == colour and m["background"] == background)
            hf_base.append(measure.high_frequency(base))
            hf_refined.append(measure.high_frequency(refined))
    print(f"mean |refined - base| {np.mean(differences):.4f} (min {np.min(differences):.4f}); "
          f"colours right after refining {rate(kept):.1f} %; high-frequency energy base {np.mean(hf_base):.5f}, "
          f"refined {np.mean(hf_refined):.5f}")
    return {"mean_difference": float(np.mean(differences)), "min_difference": float(np.min(differences)),
            "colours_kept": rate(kept)}


# The sample the Swift tests generate (small: it runs in a debug build, about 14 s a picture).
SWIFT_RED_CIRCLE_SEEDS = [0, 1, 2]
SWIFT_COLOUR_PROMPTS = [COLOUR_PROMPTS[14], COLOUR_PROMPTS[19]]   # both held-out pairs
SWIFT_CROP_CASES = [(COLOUR_PROMPTS[0], 0)]
SWIFT_SIZE_CASES = [(COLOUR_PROMPTS[0], 0)]   # its large case is the crop (0, 0) case


def swift_fixture(generate, path):
    cases = []

    def add(kind, triple, seed, crop=(0, 0), original=None, refiner=False):
        prompt = prompt_of(*triple)
        image = generate(prompt, seed, crop=crop, original=original, refiner=refiner)
        cases.append({"kind": kind, "prompt": prompt, "colour": triple[0], "background": triple[2],
                      "held_out": (triple[0], triple[1]) in dataset.HELD_OUT_PAIRS, "seed": seed,
                      "crop_top_left": list(crop), "original_size": list(original or (SIZE, SIZE)),
                      "refiner": refiner, "expected": measured(image),
                      "mean_rgb": [round(float(v), 3) for v in image.reshape(-1, 3).mean(axis=0)]})

    for seed in SWIFT_RED_CIRCLE_SEEDS:
        add("red-circle", ("red", "circle", "blue"), seed)
    for k, triple in enumerate(SWIFT_COLOUR_PROMPTS):
        add("colour", triple, 10 + k)
    for triple, seed in SWIFT_CROP_CASES:
        add("crop-zero", triple, seed, crop=(0, 0), original=CROP_ORIGINAL)
        add("crop-edge", triple, seed, crop=EDGE_CROP, original=CROP_ORIGINAL)
    for triple, seed in SWIFT_SIZE_CASES:
        add("size-small", triple, seed, original=SMALL_ORIGINAL)
        add("size-large", triple, seed, original=LARGE_ORIGINAL)
    add("refiner", ("red", "circle", "blue"), 0, refiner=True)
    fixture = {"model": "DemoModel", "steps": STEPS, "guidance_scale": GUIDANCE, "width": SIZE, "height": SIZE,
               "refiner_switch": SWITCH, "cases": cases}
    path.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"\nwrote {len(cases)} Swift cases to {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=pathlib.Path, default=ROOT / "DemoModel")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--swift-fixture", type=pathlib.Path)
    parser.add_argument("--only", choices=["colours", "red", "crops", "sizes", "refiner", "swift"])
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    start = time.time()
    generate = Generator(args.model)
    seeds = list(range(args.seeds))
    summary = {}
    sections = {"red": lambda: evaluate_red_circle(generate, seeds),
                "colours": lambda: evaluate_colours(generate, seeds),
                "crops": lambda: evaluate_crops(generate, seeds),
                "sizes": lambda: evaluate_sizes(generate, seeds),
                "refiner": lambda: evaluate_refiner(generate, seeds[:2])}
    for name, section in sections.items():
        if args.only in (None, name):
            summary[name] = section()
    if args.swift_fixture:
        swift_fixture(generate, args.swift_fixture)
    print(f"\nsummary: {json.dumps(summary)}")
    print(f"{generate.count} pictures in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
