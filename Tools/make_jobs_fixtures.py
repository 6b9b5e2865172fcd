#!/usr/bin/env python3
"""Golden data for the Jobs module's preview decoders (Tests/JobsTests/Fixtures/previews.json).

- Latent RGB previews of a seeded random SDXL-shaped latent, computed the way ComfyUI's
  latent_preview.py does it (linear over channels with latent_rgb_factors and bias, then
  ((x + 1) / 2).clamp(0, 1) * 255 cast to uint8), once with ComfyUI's SDXL factors and once with
  AUTOMATIC1111's "Approx cheap" SDXL coefficients (no bias).
- Resampling of a small random 8-bit image with torch.nn.functional.interpolate, bilinear
  (align_corners=False) and nearest-exact, rounded half to even.

Run: /root/refenv/bin/python Tools/make_jobs_fixtures.py
"""
import json
import pathlib

import torch

COMFY_SDXL = [[0.3651, 0.4232, 0.4341],
              [-0.2533, -0.0042, 0.1068],
              [0.1076, 0.1111, -0.0362],
              [-0.3165, -0.2492, -0.2188]]
COMFY_SDXL_BIAS = [0.1084, -0.0175, -0.0011]
A1111_SDXL = [[0.3448, 0.4168, 0.4395],
              [-0.1953, -0.0290, 0.0250],
              [0.1074, 0.0886, -0.0163],
              [-0.3730, -0.2499, -0.2088]]


def latent_preview(latent, rows, bias):
    factors = torch.tensor(rows, dtype=torch.float32).transpose(0, 1)  # [3, C]
    bias_t = torch.tensor(bias, dtype=torch.float32)
    rgb = torch.nn.functional.linear(latent[0].movedim(0, -1), factors, bias=bias_t)  # [H, W, 3]
    return (((rgb + 1.0) / 2.0).clamp(0, 1).mul(0xFF)).to(torch.uint8)


def resample(image, height, width, mode):
    x = image.permute(2, 0, 1).unsqueeze(0).float()  # [1, 3, H, W]
    if mode == "bilinear":
        y = torch.nn.functional.interpolate(x, size=(height, width), mode="bilinear", align_corners=False)
    else:
        y = torch.nn.functional.interpolate(x, size=(height, width), mode="nearest-exact")
    return y[0].permute(1, 2, 0).round().clamp(0, 255).to(torch.uint8)


def main():
    generator = torch.Generator().manual_seed(20240611)
    latent = torch.randn(2, 4, 6, 10, generator=generator) * 1.7  # batch of 2, scaled latents
    image = torch.randint(0, 256, (5, 7, 3), generator=generator, dtype=torch.uint8)
    out = {
        "latent_shape": list(latent.shape),
        "latent": [float(v) for v in latent.flatten()],
        "comfyui_sdxl_batch1": latent_preview(latent[1:2], COMFY_SDXL, COMFY_SDXL_BIAS).flatten().tolist(),
        "a1111_sdxl_batch0": latent_preview(latent[0:1], A1111_SDXL, [0, 0, 0]).flatten().tolist(),
        "image": {"width": 7, "height": 5, "pixels": image.flatten().tolist()},
        "resized": [],
    }
    for height, width in [(13, 17), (3, 4), (10, 14)]:
        for mode in ["bilinear", "nearest-exact"]:
            out["resized"].append({
                "width": width, "height": height, "mode": mode,
                "pixels": resample(image, height, width, mode).flatten().tolist(),
            })
    target = pathlib.Path(__file__).resolve().parent.parent / "Tests/JobsTests/Fixtures/previews.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {target} ({target.stat().st_size} bytes), torch {torch.__version__}")


if __name__ == "__main__":
    main()
