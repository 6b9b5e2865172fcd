#!/usr/bin/env python3
"""Golden data for the engine's kernels, computed by PyTorch.

Writes one safetensors file per kernel under Tests/Fixtures/kernels/. Each file holds the
inputs and expected outputs of several cases, named `<case>.<tensor>`; the `__metadata__`
entry `cases` is a JSON object mapping each case to its parameters. The Swift tests in
Tests/TensorsTests read these files and compare the engine's kernels with `out`.

Sizes are deliberately odd: non-square images, channel counts not divisible by 8, batch > 1.

Run from the repository root (needs torch, diffusers and safetensors; see Tools/requirements.txt):
    python3 Tools/make_kernel_fixtures.py
"""
import json
import math
import pathlib

import torch
import torch.nn.functional as F
from diffusers.models.embeddings import get_timestep_embedding
from safetensors.torch import save_file

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "kernels"
torch.manual_seed(20261129)


def randn(*shape, scale=1.0):
    return (torch.randn(*shape, dtype=torch.float32) * scale).contiguous()


def write(kernel, cases):
    tensors, params = {}, {}
    for name, (case_tensors, case_params) in cases.items():
        for key, value in case_tensors.items():
            tensors[f"{name}.{key}"] = value.detach().to(torch.float32).clone().contiguous()
        params[name] = case_params
    OUT.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(OUT / f"{kernel}.safetensors"), metadata={"cases": json.dumps(params, sort_keys=True)})


def linear_cases():
    cases = {}
    for name, (lead, fin, fout, bias) in {
        "batched": ((2, 5), 37, 19, True),
        "matrix": ((3,), 64, 48, False),
        "wide": ((7,), 13, 130, True),
    }.items():
        x, w = randn(*lead, fin), randn(fout, fin, scale=0.2)
        b = randn(fout) if bias else None
        tensors = {"x": x, "weight": w, "out": F.linear(x, w, b)}
        if bias:
            tensors["bias"] = b
        cases[name] = (tensors, {})
    return cases


def conv_cases():
    cases = {}
    for name, (x_shape, w_shape, stride, padding, bias) in {
        "3x3_stride1": ((2, 5, 9, 7), (6, 5, 3, 3), 1, 1, True),
        "3x3_stride2": ((1, 3, 10, 11), (4, 3, 3, 3), 2, 1, True),
        "3x3_stride2_odd": ((2, 7, 9, 9), (5, 7, 3, 3), 2, 1, False),
        "1x1": ((2, 12, 5, 6), (7, 12, 1, 1), 1, 0, True),
        "3x3_no_padding": ((1, 4, 6, 8), (3, 4, 3, 3), 1, 0, True),
        "3x3_tiny_image": ((2, 3, 1, 2), (5, 3, 3, 3), 1, 1, True),
    }.items():
        x, w = randn(*x_shape), randn(*w_shape, scale=0.3)
        b = randn(w_shape[0]) if bias else None
        tensors = {"x": x, "weight": w, "out": F.conv2d(x, w, b, stride=stride, padding=padding)}
        if bias:
            tensors["bias"] = b
        cases[name] = (tensors, {"stride": stride, "padding": padding})
    return cases


def group_norm_cases():
    cases = {}
    for name, (shape, groups, eps, silu) in {
        "groups3": ((2, 12, 5, 7), 3, 1e-5, False),
        "groups3_silu": ((2, 12, 5, 7), 3, 1e-6, True),
        "per_channel": ((1, 6, 4, 3), 6, 1e-5, False),
        "sequence": ((3, 10, 11), 5, 1e-6, True),
    }.items():
        x = randn(*shape, scale=2.0) + 0.5
        w, b = 1 + 0.3 * randn(shape[1]), 0.2 * randn(shape[1])
        out = F.group_norm(x, groups, w, b, eps)
        if silu:
            out = F.silu(out)
        cases[name] = ({"x": x, "weight": w, "bias": b, "out": out},
                       {"groups": groups, "epsilon": eps, "silu": silu})
    return cases


def layer_norm_cases():
    cases = {}
    for name, (shape, eps) in {"tokens": ((2, 7, 13), 1e-5), "rows": ((5, 40), 1e-6)}.items():
        x = randn(*shape, scale=3.0) - 1
        w, b = 1 + 0.3 * randn(shape[-1]), 0.2 * randn(shape[-1])
        cases[name] = ({"x": x, "weight": w, "bias": b, "out": F.layer_norm(x, (shape[-1],), w, b, eps)},
                       {"epsilon": eps})
    return cases


def softmax_cases():
    x = randn(3, 5, 17, scale=4.0)
    return {"rows": ({"x": x, "out": torch.softmax(x, dim=-1)}, {})}


def split_heads(t, heads):
    b, n, c = t.shape
    return t.reshape(b, n, heads, c // heads).transpose(1, 2)


def attention_cases():
    cases = {}
    for name, (q_shape, kv_len, heads, causal) in {
        "cross": ((2, 9, 24), 11, 3, False),
        "self": ((1, 70, 40), 70, 5, False),
        "causal": ((2, 13, 16), 13, 2, True),
    }.items():
        b, n, c = q_shape
        q, k, v = randn(b, n, c), randn(b, kv_len, c), randn(b, kv_len, c)
        out = F.scaled_dot_product_attention(split_heads(q, heads), split_heads(k, heads),
                                             split_heads(v, heads), is_causal=causal)
        out = out.transpose(1, 2).reshape(b, n, c)
        cases[name] = ({"query": q, "key": k, "value": v, "out": out}, {"heads": heads, "causal": causal})
    return cases | wide_head_attention_cases()


def wide_head_attention_cases():
    """Heads as wide as SDXL's (64) and the VAE's (wider, not a multiple of 16), with query and key
    counts that leave partial tiles. Drawn from their own generator so the other cases keep their values."""
    generator = torch.Generator().manual_seed(20261207)
    cases = {}
    for name, (q_shape, kv_len, heads, causal) in {
        "sdxl_self": ((2, 50, 128), 50, 2, False),
        "sdxl_cross": ((1, 13, 128), 77, 2, False),
        "clip_causal": ((1, 77, 128), 77, 2, True),
        "vae": ((1, 40, 72), 40, 1, False),
    }.items():
        b, n, c = q_shape
        q, k, v = (torch.randn(b, t, c, generator=generator) for t in (n, kv_len, kv_len))
        out = F.scaled_dot_product_attention(split_heads(q, heads), split_heads(k, heads),
                                             split_heads(v, heads), is_causal=causal)
        out = out.transpose(1, 2).reshape(b, n, c)
        cases[name] = ({"query": q, "key": k, "value": v, "out": out}, {"heads": heads, "causal": causal})
    return cases


def activation_cases():
    x = randn(3, 4, 37, scale=3.0)
    return {
        "silu": ({"x": x, "out": F.silu(x)}, {}),
        "gelu": ({"x": x, "out": F.gelu(x)}, {}),
        "quick_gelu": ({"x": x, "out": x * torch.sigmoid(1.702 * x)}, {}),
        "geglu": ({"x": randn(2, 3, 2 * 19, scale=2.0)}, {}),
    }


def finish_geglu(cases):
    x = cases["geglu"][0]["x"]
    hidden, gate = x.chunk(2, dim=-1)
    cases["geglu"][0]["out"] = hidden * F.gelu(gate)
    return cases


def resampling_cases():
    x = randn(2, 3, 5, 4)
    return {"nearest2x": ({"x": x, "out": F.interpolate(x, scale_factor=2.0, mode="nearest")}, {})}


def concat_cases():
    a, b, c = randn(2, 3, 4, 5), randn(2, 6, 4, 5), randn(2, 1, 4, 5)
    return {"three": ({"a": a, "b": b, "c": c, "out": torch.cat([a, b, c], dim=1)}, {})}


def timestep_cases():
    cases = {}
    timesteps = torch.tensor([0.0, 1.0, 421.0, 499.5, 999.0])
    for name, (dim, flip, shift) in {
        "unet": (32, True, 0.0),
        "odd_dim": (33, True, 1.0),
        "no_flip": (20, False, 1.0),
        "time_ids": (8, True, 0.0),
    }.items():
        out = get_timestep_embedding(timesteps, dim, flip_sin_to_cos=flip, downscale_freq_shift=shift)
        cases[name] = ({"timesteps": timesteps, "out": out},
                       {"dimension": dim, "flip_sin_to_cos": flip, "downscale_freq_shift": shift})
    cases["sizes"] = ({"timesteps": torch.tensor([1024.0, 768.0, 0.0, 64.0]),
                       "out": get_timestep_embedding(torch.tensor([1024.0, 768.0, 0.0, 64.0]), 256,
                                                     flip_sin_to_cos=True, downscale_freq_shift=0.0)},
                      {"dimension": 256, "flip_sin_to_cos": True, "downscale_freq_shift": 0.0})
    return cases


def main():
    write("linear", linear_cases())
    write("conv2d", conv_cases())
    write("group_norm", group_norm_cases())
    write("layer_norm", layer_norm_cases())
    write("softmax", softmax_cases())
    write("attention", attention_cases())
    write("activations", finish_geglu(activation_cases()))
    write("resampling", resampling_cases())
    write("concat", concat_cases())
    write("timestep_embedding", timestep_cases())
    total = sum(p.stat().st_size for p in OUT.glob("*.safetensors"))
    print(f"wrote {len(list(OUT.glob('*.safetensors')))} files, {total / 1024:.0f} KiB, to {OUT}")


if __name__ == "__main__":
    main()
