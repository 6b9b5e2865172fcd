#!/usr/bin/env python3
"""A tiny random TAESD-style preview decoder and the outputs diffusers computes with it.

What it makes (under --out, by default Tests/TinyAutoencoderTests/Fixtures/):

  taesd-tiny/config.json, taesd-tiny/diffusion_pytorch_model.safetensors
      a diffusers AutoencoderTiny (the class madebyollin/taesdxl is published as) saved with
      save_pretrained: fp32, encoder and decoder. Its decoder keeps TAESDXL's structure (four stages,
      three 2x nearest upsamplings, so one latent pixel becomes 8x8 image pixels) with 16 channels and
      (3, 1, 2, 1) blocks per stage instead of 64 channels and (3, 3, 3, 1).
  taesd-tiny-decoder.fp16.safetensors
      the same decoder weights alone, fp16, under diffusers' names (decoder.layers.N...), as one file.
  taesd-tiny-original-decoder.safetensors
      the same decoder weights, fp16, under the names of the original TAESD code (taesd.py's
      Decoder is an nn.Sequential that starts with a parameterless Clamp, so diffusers' layer N is
      its layer N+1 and there is no prefix), as taesdxl_decoder.safetensors is distributed.
  expected.safetensors
      F32 latents and what AutoencoderTiny.decode returns for them (diffusers 0.42.1, fp32, CPU):
        latents_square [1, 4, 8, 8]  -> decoded_square [1, 3, 64, 64]
        latents_batch  [2, 4, 5, 7]  -> decoded_batch  [2, 3, 40, 56]
      The latents reach beyond +-3 so the decoder's tanh(x / 3) * 3 soft clamp matters.

The weights are rounded to fp16 before anything is computed, so the fp32 and fp16 files hold the same
values and all match the same references. Random init alone gives a decoder whose ReLU chains leave
a nearly constant picture; the script widens the initial weights and shifts the last bias so that
the output varies over the whole [-1, 1] range and beyond it (diffusers does not clamp). Deterministic: fixed seeds, one intra-op thread.

Run from the repository root:
    /root/refenv/bin/python Tools/make_tae_fixtures.py
    /root/refenv/bin/python Tools/make_tae_fixtures.py --out /tmp/tae
Made with torch 2.15.0, diffusers 0.42.1, safetensors 0.8.0.
"""
import argparse
import json
import pathlib

import torch
from safetensors.torch import save_file

import diffusers
from diffusers import AutoencoderTiny

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "Tests" / "TinyAutoencoderTests" / "Fixtures"

TINY_CONFIG = dict(
    in_channels=3,
    out_channels=3,
    encoder_block_out_channels=(8, 8, 8, 8),
    decoder_block_out_channels=(16, 16, 16, 16),
    act_fn="relu",
    upsample_fn="nearest",
    latent_channels=4,
    upsampling_scaling_factor=2,
    num_encoder_blocks=(1, 1, 1, 1),
    num_decoder_blocks=(3, 1, 2, 1),
    latent_magnitude=3,
    latent_shift=0.5,
    scaling_factor=1.0,
)


def build_model():
    torch.manual_seed(20240)
    model = AutoencoderTiny(**TINY_CONFIG).eval()
    generator = torch.Generator().manual_seed(20241)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            # Kaiming-uniform init keeps a ReLU stack's scale only on average; a 16-wide random one
            # fades. Scale the kernels up and give the biases both signs.
            if name.endswith("weight"):
                parameter.mul_(1.6)
            else:
                parameter.copy_(0.1 * torch.randn(parameter.shape, generator=generator))
        # Centre the picture: the last convolution's outputs sit around -0.3 before x * 2 - 1.
        model.decoder.layers[-1].bias.add_(0.55)
        for parameter in model.parameters():
            parameter.copy_(parameter.half().float())
    return model


def original_taesd_name(diffusers_name):
    """decoder.layers.N.rest -> (N + 1).rest, the key in taesd.py's Decoder state dict."""
    rest = diffusers_name[len("decoder.layers."):]
    index, _, tail = rest.partition(".")
    return f"{int(index) + 1}.{tail}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    torch.set_num_threads(1)

    model = build_model()
    folder = args.out / "taesd-tiny"
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder, safe_serialization=True)

    # Keep config.json stable across diffusers versions: sorted keys, no timestamps.
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")

    decoder = {name: tensor for name, tensor in model.state_dict().items() if name.startswith("decoder.")}
    save_file({name: tensor.half().contiguous() for name, tensor in decoder.items()},
              str(args.out / "taesd-tiny-decoder.fp16.safetensors"), metadata={"format": "pt"})
    save_file({original_taesd_name(name): tensor.half().contiguous() for name, tensor in decoder.items()},
              str(args.out / "taesd-tiny-original-decoder.safetensors"), metadata={"format": "pt"})

    generator = torch.Generator().manual_seed(20242)
    cases = {
        "square": 2.2 * torch.randn(1, 4, 8, 8, generator=generator),
        "batch": 2.2 * torch.randn(2, 4, 5, 7, generator=generator),
    }
    expected = {}
    with torch.no_grad():
        for name, latents in cases.items():
            decoded = model.decode(latents).sample
            expected[f"latents_{name}"] = latents.contiguous()
            expected[f"decoded_{name}"] = decoded.contiguous()
            print(f"{name}: latents {tuple(latents.shape)} |max| {latents.abs().max():.2f} -> decoded "
                  f"{tuple(decoded.shape)} min {decoded.min():.3f} max {decoded.max():.3f} std {decoded.std():.3f}")
    save_file(expected, str(args.out / "expected.safetensors"),
              # One metadata entry: the writer orders several at random, and re-runs should be byte-identical.
              metadata={"made_with": json.dumps({
                  "torch": torch.__version__, "diffusers": diffusers.__version__,
                  "torch_cpu_capability": torch.backends.cpu.get_cpu_capability()}, sort_keys=True)})

    # A decoder whose stage widths differ cannot run in diffusers (each stage's last convolution keeps
    # its own width, which the next stage's blocks do not take); the engine refuses such a config.
    try:
        AutoencoderTiny(**{**TINY_CONFIG, "decoder_block_out_channels": (16, 8, 8, 8)}).decode(
            torch.zeros(1, 4, 2, 2))
        raise SystemExit("unexpected: diffusers decoded with unequal decoder_block_out_channels")
    except RuntimeError:
        pass
    for path in sorted(args.out.rglob("*")):
        if path.is_file():
            print(f"{path.relative_to(args.out)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
