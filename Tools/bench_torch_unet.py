#!/usr/bin/env python3
"""Times one SDXL UNet forward in PyTorch (fp32, CPU), the yardstick for `sdxl bench unet`.

Loads the UNet of a diffusers folder (fp16 variant files are upcast to fp32), feeds random
inputs of the given size and batch, and prints the best time of --repeats forwards and the
peak resident memory, in the same units as `sdxl bench unet`.

    python3 Tools/bench_torch_unet.py --model DIR --width 512 --height 512 --batch 2

Tools/compare_unet_speed.sh runs both programs back to back and prints our time over theirs.
With --save-reference FILE the inputs and the output of the last forward go to a safetensors file,
for `sdxl bench unet --reference FILE`, which runs the same forward and prints its relative error.
"""
import argparse
import json
import os
import pathlib
import resource
import time

import torch
from diffusers import UNet2DConditionModel


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=pathlib.Path, required=True)
    parser.add_argument("--width", type=int, default=512)
    parser.add_argument("--height", type=int, default=512)
    parser.add_argument("--batch", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--save-reference", type=pathlib.Path)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    unet_folder = args.model / "unet"
    variant = None if (unet_folder / "diffusion_pytorch_model.safetensors").exists() else "fp16"
    start = time.perf_counter()
    unet = UNet2DConditionModel.from_pretrained(unet_folder, variant=variant, torch_dtype=torch.float32).eval()
    load_seconds = time.perf_counter() - start

    index = json.loads((args.model / "model_index.json").read_text())
    time_ids = 5 if index.get("requires_aesthetics_score") else 6
    pooled = unet.config.projection_class_embeddings_input_dim - time_ids * unet.config.addition_time_embed_dim
    generator = torch.Generator().manual_seed(0)
    sample = torch.randn(args.batch, unet.config.in_channels, args.height // 8, args.width // 8, generator=generator)
    context = torch.randn(args.batch, 77, unet.config.cross_attention_dim, generator=generator)
    conditions = {"text_embeds": torch.randn(args.batch, pooled, generator=generator),
                  "time_ids": torch.tensor([[args.height, args.width, 0, 0, args.height, args.width][:time_ids]] * args.batch,
                                           dtype=torch.float32)}
    best = float("inf")
    with torch.inference_mode():
        for _ in range(args.repeats):
            start = time.perf_counter()
            out = unet(sample, 999, encoder_hidden_states=context, added_cond_kwargs=conditions).sample
            best = min(best, time.perf_counter() - start)
    if args.save_reference:
        from safetensors.torch import save_file
        save_file({"sample": sample, "timestep": torch.tensor([999.0]), "encoder_hidden_states": context,
                   "text_embeds": conditions["text_embeds"], "time_ids": conditions["time_ids"],
                   "out": out.contiguous()}, str(args.save_reference))
    peak_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 2**30
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, loaded in {load_seconds:.1f} s")
    print(f"ms per forward {best * 1e3:.0f}  peak RSS {peak_gib:.2f} GiB")


if __name__ == "__main__":
    main()
