#!/usr/bin/env python3
"""Fits a linear latent-to-RGB preview (one row of 3 weights per latent channel, plus a bias) for
any diffusers AutoencoderKL, by least squares, and writes it as JSON for the Jobs module's
`LatentRGBFactors(contentsOf:)`.

The published SDXL numbers (ComfyUI, AUTOMATIC1111) are built into LatentRGBFactors; this tool is
for other VAEs, such as a small demo model's, whose latent space has other colours.

Method: smooth synthetic pictures (random colour fields at several scales, with hard-edged
patches) are encoded (posterior mean × scaling_factor: the latents the UNet sees), decoded back,
and the decoded pictures averaged over 8×8 blocks; then rgb ≈ latent · W + b is fitted over all
latent pixels. It prints the fit's mean absolute error in 8-bit steps, and for a 4-channel VAE the
error of ComfyUI's SDXL factors on the same data, as a yardstick.

Run: /root/refenv/bin/python Tools/fit_latent_rgb_factors.py path/to/model/vae out.json [--images 48 --size 128]
"""
import argparse
import json

import torch
from diffusers import AutoencoderKL

COMFY_SDXL = [[0.3651, 0.4232, 0.4341], [-0.2533, -0.0042, 0.1068],
              [0.1076, 0.1111, -0.0362], [-0.3165, -0.2492, -0.2188]]
COMFY_SDXL_BIAS = [0.1084, -0.0175, -0.0011]


def synthetic_pictures(count, size, generator):
    """Pictures in [-1, 1]: colour fields upsampled from 2×2 to 16×16 grids, plus rectangles."""
    pictures = []
    for index in range(count):
        grid = 2 ** (1 + index % 4)
        field = torch.rand(1, 3, grid, grid, generator=generator) * 2 - 1
        picture = torch.nn.functional.interpolate(field, size=(size, size), mode="bicubic", align_corners=False)
        for _ in range(3):
            top, left = torch.randint(0, size - size // 4, (2,), generator=generator).tolist()
            extent = int(torch.randint(size // 8, size // 2, (1,), generator=generator))
            colour = (torch.rand(3, 1, 1, generator=generator) * 2 - 1)
            picture[0, :, top:top + extent, left:left + extent] = colour
        pictures.append(picture.clamp(-1, 1))
    return torch.cat(pictures)


def mean_abs_error_255(latents, targets, weights, bias):
    predicted = latents @ weights + bias
    return float(((predicted.clamp(-1, 1) - targets.clamp(-1, 1)).abs() * 127.5).mean())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vae", help="a diffusers AutoencoderKL folder (config.json + weights)")
    parser.add_argument("output", help="the JSON file to write")
    parser.add_argument("--images", type=int, default=48)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    vae = AutoencoderKL.from_pretrained(args.vae, torch_dtype=torch.float32).eval()
    factor = 2 ** (len(vae.config.block_out_channels) - 1)
    scaling = vae.config.scaling_factor
    generator = torch.Generator().manual_seed(args.seed)
    pictures = synthetic_pictures(args.images, args.size, generator)
    with torch.no_grad():
        latents = vae.encode(pictures).latent_dist.mean * scaling                 # [N, C, h, w]
        decoded = vae.decode(latents / scaling).sample                            # [N, 3, H, W]
    targets = torch.nn.functional.avg_pool2d(decoded, factor)                     # [N, 3, h, w]
    x = latents.permute(0, 2, 3, 1).reshape(-1, latents.shape[1]).double()       # [P, C]
    y = targets.permute(0, 2, 3, 1).reshape(-1, 3).double()                       # [P, 3]
    design = torch.cat([x, torch.ones(x.shape[0], 1, dtype=torch.float64)], dim=1)
    solution = torch.linalg.lstsq(design, y).solution                             # [C + 1, 3]
    weights, bias = solution[:-1], solution[-1]

    error = mean_abs_error_255(x, y, weights, bias)
    print(f"fitted on {x.shape[0]} latent pixels: mean absolute error {error:.2f} / 255")
    if latents.shape[1] == 4:
        comfy = mean_abs_error_255(x, y, torch.tensor(COMFY_SDXL, dtype=torch.float64),
                                   torch.tensor(COMFY_SDXL_BIAS, dtype=torch.float64))
        print(f"ComfyUI's SDXL factors on the same data: {comfy:.2f} / 255")
    result = {
        "source": f"least-squares fit to {args.vae} (Tools/fit_latent_rgb_factors.py, seed {args.seed}, "
                  f"{args.images} pictures of {args.size}x{args.size})",
        "rows": [[round(float(v), 5) for v in row] for row in weights],
        "bias": [round(float(v), 5) for v in bias],
        "mean_abs_error_255": round(error, 3),
    }
    with open(args.output, "w") as file:
        json.dump(result, file, indent=1)
        file.write("\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
