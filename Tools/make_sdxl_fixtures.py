#!/usr/bin/env python3
"""Tiny SDXL models and the golden data the engine's tests compare against.

What it makes (under --out, by default Tests/Fixtures/tiny-sdxl/):

  base/       a tiny SDXL base pipeline in the diffusers layout of stabilityai/stable-diffusion-xl-base-1.0
              (model_index.json, scheduler/, text_encoder/, text_encoder_2/, tokenizer/, tokenizer_2/, unet/,
              vae/), with the published config keys and tiny sizes. Weights are random, rounded to fp16.
              The files cover every loading path the real repositories use:
                text_encoder/model.fp16.safetensors    fp16, published `text_model.` keys, int64 position_ids
                text_encoder_2/model.fp16.safetensors  fp16, published `text_model.` keys + text_projection
                unet/diffusion_pytorch_model.fp16-0000{1,2}-of-00002.safetensors
                     + diffusion_pytorch_model.safetensors.index.fp16.json   (sharded fp16)
                vae/diffusion_pytorch_model.safetensors                      (plain fp32)
              tokenizer_2/vocab.json and merges.txt are links to ../tokenizer/ (one vocabulary).
  refiner/    a tiny SDXL refiner (stable-diffusion-xl-refiner-1.0 layout): model_index.json, scheduler/,
              unet/ (fp16); text_encoder_2, tokenizer_2 and vae are relative links to ../base/... because
              the real refiner shares them with the base.
  tiny_sdxl_base.safetensors, tiny_sdxl_refiner.safetensors
              the same weights as single-file checkpoints in Stability's original layout
              (model.diffusion_model.*, first_stage_model.*, conditioner.embedders.*), fp16. The script
              proves them by loading them with diffusers' own from_single_file and comparing every weight
              and a whole generation with the diffusers-layout pipelines.
  expected/   manifest.json (what every case is, its inputs and parameters) and safetensors files (F32)
              with the reference outputs: tokenizer ids, text encoder states, UNet and VAE outputs, and
              end-to-end StableDiffusionXLPipeline / StableDiffusionXLImg2ImgPipeline generations.

All references are computed in fp32 on the CPU from the fp16-rounded weights, so an engine that loads
the fp16 files and computes in fp32 matches to about 1e-4. Everything is built from configs (no network);
the CLIP vocabulary comes from open_clip's bpe_simple_vocab_16e6.txt.gz. The script is deterministic:
a re-run rewrites byte-identical files (fixed seeds, one intra-op thread).

--full-size DIR writes a random full-size SDXL base and refiner with the published configs (fp16, diffusers
layout, about 11 GB; for benchmarks, never committed). --count-only builds the full-size models on the meta
device and checks their parameter counts against the published models, without writing anything.

Run from the repository root (Tools/requirements.txt lists the versions used):
    python3 Tools/make_sdxl_fixtures.py                   # writes Tests/Fixtures/tiny-sdxl
    python3 Tools/make_sdxl_fixtures.py --out /tmp/tiny   # somewhere else
    python3 Tools/make_sdxl_fixtures.py --count-only
    python3 Tools/make_sdxl_fixtures.py --full-size /data/sdxl-random
Made with torch 2.15.0, diffusers 0.42.1, transformers 5.24.0, safetensors 0.8.0, open-clip-torch 3.3.0.
"""
import argparse
import copy
import gzip
import json
import math
import os
import pathlib
import shutil
import sys

import numpy as np
import torch
from PIL import Image
from safetensors.torch import save_file

import diffusers
import transformers
from diffusers import (AutoencoderKL, DDIMScheduler, DPMSolverMultistepScheduler, EulerAncestralDiscreteScheduler,
                       EulerDiscreteScheduler, StableDiffusionXLImg2ImgPipeline, StableDiffusionXLPipeline,
                       UNet2DConditionModel)
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "Tests" / "Fixtures" / "tiny-sdxl"
VERSIONS = {"torch": torch.__version__, "diffusers": diffusers.__version__,
            "transformers": transformers.__version__,
            # torch.randn's float path depends on the CPU kernels (AVX2/AVX-512 vs. scalar).
            "torch_cpu_capability": torch.backends.cpu.get_cpu_capability()}

# ---------------------------------------------------------------------------------------------
# Configs. The published ones (stabilityai/stable-diffusion-xl-base-1.0 and -refiner-1.0) and tiny
# variants with the same keys. Tiny sizes are chosen so that every dimension differs from its
# neighbours (a swapped axis or a reused size shows) and groups hold more than one channel.
# ---------------------------------------------------------------------------------------------

SCHEDULER_CONFIG = {
    "_class_name": "EulerDiscreteScheduler",
    "_diffusers_version": "0.19.0.dev0",
    "beta_end": 0.012,
    "beta_schedule": "scaled_linear",
    "beta_start": 0.00085,
    "clip_sample": False,
    "interpolation_type": "linear",
    "num_train_timesteps": 1000,
    "prediction_type": "epsilon",
    "sample_max_value": 1.0,
    "set_alpha_to_one": False,
    "skip_prk_steps": True,
    "steps_offset": 1,
    "timestep_spacing": "leading",
    "trained_betas": None,
    "use_karras_sigmas": False,
}

UNET_COMMON = {
    "_class_name": "UNet2DConditionModel",
    "_diffusers_version": "0.19.0.dev0",
    "act_fn": "silu",
    "addition_embed_type": "text_time",
    "addition_embed_type_num_heads": 64,
    "center_input_sample": False,
    "class_embed_type": None,
    "class_embeddings_concat": False,
    "conv_in_kernel": 3,
    "conv_out_kernel": 3,
    "cross_attention_norm": None,
    "downsample_padding": 1,
    "dual_cross_attention": False,
    "encoder_hid_dim": None,
    "encoder_hid_dim_type": None,
    "flip_sin_to_cos": True,
    "freq_shift": 0,
    "in_channels": 4,
    "layers_per_block": 2,
    "mid_block_only_cross_attention": None,
    "mid_block_scale_factor": 1,
    "mid_block_type": "UNetMidBlock2DCrossAttn",
    "norm_eps": 1e-05,
    "num_attention_heads": None,
    "num_class_embeds": None,
    "only_cross_attention": False,
    "out_channels": 4,
    "resnet_out_scale_factor": 1.0,
    "resnet_skip_time_act": False,
    "resnet_time_scale_shift": "default",
    "time_cond_proj_dim": None,
    "time_embedding_act_fn": None,
    "time_embedding_dim": None,
    "time_embedding_type": "positional",
    "timestep_post_act": None,
    "upcast_attention": None,
    "use_linear_projection": True,
}

FULL_UNET_BASE = {**UNET_COMMON,
                  "addition_time_embed_dim": 256,
                  "attention_head_dim": [5, 10, 20],
                  "block_out_channels": [320, 640, 1280],
                  "cross_attention_dim": 2048,
                  "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"],
                  "norm_num_groups": 32,
                  "projection_class_embeddings_input_dim": 2816,
                  "sample_size": 128,
                  "transformer_layers_per_block": [1, 2, 10],
                  "up_block_types": ["CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"]}

FULL_UNET_REFINER = {**UNET_COMMON,
                     "addition_time_embed_dim": 256,
                     "attention_head_dim": [6, 12, 24, 24],
                     "block_out_channels": [384, 768, 1536, 1536],
                     "cross_attention_dim": 1280,
                     "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D",
                                          "DownBlock2D"],
                     "norm_num_groups": 32,
                     "projection_class_embeddings_input_dim": 2560,
                     "sample_size": 128,
                     "transformer_layers_per_block": 4,
                     "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"]}

FULL_VAE = {
    "_class_name": "AutoencoderKL",
    "_diffusers_version": "0.20.0.dev0",
    "act_fn": "silu",
    "block_out_channels": [128, 256, 512, 512],
    "down_block_types": ["DownEncoderBlock2D"] * 4,
    "force_upcast": True,
    "in_channels": 3,
    "latent_channels": 4,
    "layers_per_block": 2,
    "norm_num_groups": 32,
    "out_channels": 3,
    "sample_size": 1024,
    "scaling_factor": 0.13025,
    "up_block_types": ["UpDecoderBlock2D"] * 4,
}

TEXT_COMMON = {
    "attention_dropout": 0.0,
    "bos_token_id": 0,
    "dropout": 0.0,
    "eos_token_id": 2,
    "initializer_factor": 1.0,
    "initializer_range": 0.02,
    "layer_norm_eps": 1e-05,
    "max_position_embeddings": 77,
    "model_type": "clip_text_model",
    "pad_token_id": 1,
    "torch_dtype": "float16",
    "transformers_version": "4.32.0.dev0",
    "vocab_size": 49408,
}
FULL_TEXT_ENCODER = {"architectures": ["CLIPTextModel"], **TEXT_COMMON, "hidden_act": "quick_gelu",
                     "hidden_size": 768, "intermediate_size": 3072, "num_attention_heads": 12,
                     "num_hidden_layers": 12, "projection_dim": 768}
FULL_TEXT_ENCODER_2 = {"architectures": ["CLIPTextModelWithProjection"], **TEXT_COMMON, "hidden_act": "gelu",
                       "hidden_size": 1280, "intermediate_size": 5120, "num_attention_heads": 20,
                       "num_hidden_layers": 32, "projection_dim": 1280}

# Tiny sizes. Text encoder hidden sizes must differ: diffusers' single-file loader tells CLIP-L from
# OpenCLIP bigG by the width of the position embedding. Encoder 2 needs >= 10 blocks (`resblocks.9`).
TINY_TEXT_ENCODER = {**FULL_TEXT_ENCODER, "hidden_size": 16, "intermediate_size": 64, "num_attention_heads": 2,
                     "num_hidden_layers": 3, "projection_dim": 16}
TINY_TEXT_ENCODER_2 = {**FULL_TEXT_ENCODER_2, "hidden_size": 24, "intermediate_size": 96,
                       "num_attention_heads": 2, "num_hidden_layers": 10, "projection_dim": 32}
TINY_CONTEXT = TINY_TEXT_ENCODER["hidden_size"] + TINY_TEXT_ENCODER_2["hidden_size"]  # 40
TINY_POOLED = TINY_TEXT_ENCODER_2["projection_dim"]  # 32

TINY_UNET_BASE = {**FULL_UNET_BASE,
                  "addition_time_embed_dim": 8,
                  "attention_head_dim": [1, 4, 3],            # heads per level: head dims 8 and 16
                  "block_out_channels": [16, 32, 48],
                  "cross_attention_dim": TINY_CONTEXT,
                  "norm_num_groups": 8,
                  "projection_class_embeddings_input_dim": 6 * 8 + TINY_POOLED,  # 80
                  "sample_size": 8,                           # default image 64x64
                  "transformer_layers_per_block": [1, 2, 3]}  # mid block uses the last entry

TINY_UNET_REFINER = {**FULL_UNET_REFINER,
                     "addition_time_embed_dim": 6,
                     "attention_head_dim": [1, 2, 4, 4],      # head dims 12 and 8
                     "block_out_channels": [16, 24, 32, 32],
                     "cross_attention_dim": TINY_TEXT_ENCODER_2["hidden_size"],
                     "norm_num_groups": 8,
                     "projection_class_embeddings_input_dim": 5 * 6 + TINY_POOLED,  # 62
                     "sample_size": 8,
                     "transformer_layers_per_block": 2}

TINY_VAE = {**FULL_VAE, "block_out_channels": [8, 16, 24, 24], "norm_num_groups": 4, "sample_size": 64}

MODEL_INDEX_BASE = {
    "_class_name": "StableDiffusionXLPipeline",
    "_diffusers_version": "0.19.0.dev0",
    "force_zeros_for_empty_prompt": True,
    "add_watermarker": None,
    "scheduler": ["diffusers", "EulerDiscreteScheduler"],
    "text_encoder": ["transformers", "CLIPTextModel"],
    "text_encoder_2": ["transformers", "CLIPTextModelWithProjection"],
    "tokenizer": ["transformers", "CLIPTokenizer"],
    "tokenizer_2": ["transformers", "CLIPTokenizer"],
    "unet": ["diffusers", "UNet2DConditionModel"],
    "vae": ["diffusers", "AutoencoderKL"],
}
MODEL_INDEX_REFINER = {
    "_class_name": "StableDiffusionXLImg2ImgPipeline",
    "_diffusers_version": "0.19.0.dev0",
    "force_zeros_for_empty_prompt": False,
    "add_watermarker": None,
    "requires_aesthetics_score": True,
    "scheduler": ["diffusers", "EulerDiscreteScheduler"],
    "text_encoder": [None, None],
    "text_encoder_2": ["transformers", "CLIPTextModelWithProjection"],
    "tokenizer": [None, None],
    "tokenizer_2": ["transformers", "CLIPTokenizer"],
    "unet": ["diffusers", "UNet2DConditionModel"],
    "vae": ["diffusers", "AutoencoderKL"],
}

# Parameter counts of the published models (diffusers / transformers), checked by --count-only.
PUBLISHED_PARAMETER_COUNTS = {"unet": 2_567_463_684, "refiner unet": 2_259_526_660}


def model_config(config):
    """A published-style config without the `_...` bookkeeping keys, for constructing a model."""
    return {k: v for k, v in config.items() if not k.startswith("_")}


def write_json(path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")


def plain_json(value):
    """Strict JSON values: non-finite floats become the strings "inf", "-inf", "nan"; tuples become lists."""
    if isinstance(value, dict):
        return {str(k): plain_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_json(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def format_json(value, indent=0):
    """Indented JSON with lists of numbers and strings kept on one line (token ids, shapes, time ids)."""
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {format_json(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value) or \
                all(isinstance(v, list) and all(not isinstance(x, (dict, list)) for x in v) for v in value):
            return json.dumps(value, ensure_ascii=False, allow_nan=False)
        return "[\n" + ",\n".join(inner + format_json(v, indent + 2) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


# ---------------------------------------------------------------------------------------------
# Vocabulary: vocab.json and merges.txt from open_clip's BPE file, as the published CLIP tokenizers.
# ---------------------------------------------------------------------------------------------

def bytes_to_unicode_chars():
    """GPT-2/CLIP byte-level alphabet: printable bytes map to themselves, the rest to U+0100 onwards."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    chars, extra = [], 0
    order = printable + [b for b in range(256) if b not in printable]
    for b in order:
        if b in printable:
            chars.append(chr(b))
        else:
            chars.append(chr(256 + extra))
            extra += 1
    return chars


def clip_vocabulary():
    import open_clip
    path = pathlib.Path(open_clip.__file__).parent / "bpe_simple_vocab_16e6.txt.gz"
    lines = gzip.open(path).read().decode("utf-8").split("\n")
    merges = lines[1:49152 - 256 - 2 + 1]  # 48894 merges after the header line
    alphabet = bytes_to_unicode_chars()
    tokens = alphabet + [c + "</w>" for c in alphabet] + ["".join(m.split()) for m in merges]
    tokens += ["<|startoftext|>", "<|endoftext|>"]
    assert len(tokens) == 49408 and len(set(tokens)) == 49408
    from open_clip.tokenizer import bytes_to_unicode
    assert alphabet == list(bytes_to_unicode().values()), "byte alphabet differs from open_clip's"
    return {t: i for i, t in enumerate(tokens)}, merges


def added_token(content):
    return {"__type": "AddedToken", "content": content, "lstrip": False, "normalized": True, "rstrip": False,
            "single_word": False}


def write_tokenizer(folder, pad_token, vocab_source=None, vocab=None, merges=None):
    """A tokenizer folder as published; with vocab_source, vocab.json/merges.txt are relative links."""
    folder.mkdir(parents=True, exist_ok=True)
    if vocab_source is None:
        (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")),
                                           encoding="utf-8")
        (folder / "merges.txt").write_text("#version: 0.2\n" + "\n".join(merges) + "\n", encoding="utf-8")
    else:
        for name in ("vocab.json", "merges.txt"):
            link = folder / name
            if link.exists() or link.is_symlink():
                link.unlink()
            link.symlink_to(os.path.relpath(vocab_source / name, folder))
    write_json(folder / "tokenizer_config.json", {
        "add_prefix_space": False,
        "bos_token": added_token("<|startoftext|>"),
        "clean_up_tokenization_spaces": True,
        "do_lower_case": True,
        "eos_token": added_token("<|endoftext|>"),
        "errors": "replace",
        "model_max_length": 77,
        "pad_token": pad_token,
        "tokenizer_class": "CLIPTokenizer",
        "unk_token": added_token("<|endoftext|>"),
    })
    special = {k: {kk: vv for kk, vv in added_token(v).items() if kk != "__type"}
               for k, v in (("bos_token", "<|startoftext|>"), ("eos_token", "<|endoftext|>"),
                            ("unk_token", "<|endoftext|>"))}
    special["pad_token"] = pad_token if pad_token == "!" else \
        {kk: vv for kk, vv in added_token(pad_token).items() if kk != "__type"}
    write_json(folder / "special_tokens_map.json", dict(sorted(special.items())))


# ---------------------------------------------------------------------------------------------
# Tiny random models.
# ---------------------------------------------------------------------------------------------

def perturb_norms(model, generator):
    """Move every norm weight away from 1 and every bias of a norm away from 0, so swapped parameters show."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (torch.nn.GroupNorm, torch.nn.LayerNorm)) and module.weight is not None:
                module.weight.copy_(1 + 0.2 * torch.randn(module.weight.shape, generator=generator))
                module.bias.copy_(0.1 * torch.randn(module.bias.shape, generator=generator))


def round_to_fp16(model):
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.half().float())
    return model


def build_text_encoders():
    torch.manual_seed(101)
    te1 = CLIPTextModel(CLIPTextConfig(**model_config(TINY_TEXT_ENCODER))).eval()
    torch.manual_seed(102)
    te2 = CLIPTextModelWithProjection(CLIPTextConfig(**model_config(TINY_TEXT_ENCODER_2))).eval()
    g = torch.Generator().manual_seed(103)
    for model in (te1, te2):
        perturb_norms(model, g)
        with torch.no_grad():  # transformers initialises linear biases to zero: give them values too
            for name, p in model.named_parameters():
                if name.endswith(".bias") and not torch.any(p):
                    p.copy_(0.05 * torch.randn(p.shape, generator=g))
        round_to_fp16(model)
    return te1, te2


def build_unet(config, seed):
    torch.manual_seed(seed)
    unet = UNet2DConditionModel(**model_config(config)).eval()
    g = torch.Generator().manual_seed(seed + 1)
    perturb_norms(unet, g)
    with torch.no_grad():  # a random text_time embedding is weak; make the conditioning values matter
        unet.add_embedding.linear_1.weight.mul_(6.0)
    return round_to_fp16(unet)


def build_vae(config, seed):
    torch.manual_seed(seed)
    vae = AutoencoderKL(**model_config(config)).eval()
    perturb_norms(vae, torch.Generator().manual_seed(seed + 1))
    return round_to_fp16(vae)


# ---------------------------------------------------------------------------------------------
# Writing the diffusers layout.
# ---------------------------------------------------------------------------------------------

def published_text_state_dict(model):
    """State dict with the published key layout: `text_model.` prefix (CLIPTextModel is flat in
    transformers >= 5.6, CLIPTextModelWithProjection is not), plus `text_projection.weight`."""
    state = model.state_dict()
    out = {}
    for key, value in state.items():
        if isinstance(model, CLIPTextModel) and not key.startswith("text_model."):
            key = "text_model." + key
        out[key] = value
    return out


def write_text_encoder(folder, model, config, with_position_ids):
    folder.mkdir(parents=True, exist_ok=True)
    config = {**config, "transformers_version": transformers.__version__}
    write_json(folder / "config.json", config)
    state = {k: v.half().contiguous() for k, v in published_text_state_dict(model).items()}
    if with_position_ids:
        state["text_model.embeddings.position_ids"] = torch.arange(77, dtype=torch.int64).unsqueeze(0)
    save_file(state, str(folder / "model.fp16.safetensors"), metadata={"format": "pt"})


def write_diffusers_model(folder, model, config, variant=None, shards=1):
    """Weights via diffusers' own writer (naming, sharding and index exactly as diffusers saves them),
    then the config replaced by the published-style one."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    to_save = model
    if variant == "fp16" and model.dtype != torch.float16:
        to_save = copy.deepcopy(model).half()
    size = sum(p.numel() * p.element_size() for p in to_save.state_dict().values())
    max_shard = f"{int(size * 0.6) // 1000}KB" if shards == 2 else "10GB"
    to_save.save_pretrained(folder, variant=variant, max_shard_size=max_shard, safe_serialization=True)
    written = sorted(p.name for p in folder.iterdir() if p.name.endswith(".safetensors"))
    assert len(written) == shards, f"{folder}: expected {shards} weight files, diffusers wrote {written}"
    write_json(folder / "config.json", {**config, "_diffusers_version": diffusers.__version__})


def write_scheduler(folder):
    write_json(folder / "scheduler_config.json", SCHEDULER_CONFIG)


def relative_link(link, target):
    if link.is_symlink() or link.exists():
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)
        else:
            link.unlink()
    link.symlink_to(os.path.relpath(target, link.parent), target_is_directory=target.is_dir())


def write_pipelines(out, te1, te2, unet, refiner_unet, vae, vocab, merges):
    base, refiner = out / "base", out / "refiner"
    for folder in (base, refiner):
        if folder.exists():
            shutil.rmtree(folder)
    write_json(base / "model_index.json", {**MODEL_INDEX_BASE, "_diffusers_version": diffusers.__version__})
    write_scheduler(base / "scheduler")
    write_tokenizer(base / "tokenizer", "<|endoftext|>", vocab=vocab, merges=merges)
    write_tokenizer(base / "tokenizer_2", "!", vocab_source=base / "tokenizer")
    write_text_encoder(base / "text_encoder", te1, TINY_TEXT_ENCODER, with_position_ids=True)
    write_text_encoder(base / "text_encoder_2", te2, TINY_TEXT_ENCODER_2, with_position_ids=False)
    write_diffusers_model(base / "unet", unet, TINY_UNET_BASE, variant="fp16", shards=2)
    write_diffusers_model(base / "vae", vae, TINY_VAE, variant=None)

    write_json(refiner / "model_index.json", {**MODEL_INDEX_REFINER, "_diffusers_version": diffusers.__version__})
    write_scheduler(refiner / "scheduler")
    write_diffusers_model(refiner / "unet", refiner_unet, TINY_UNET_REFINER, variant="fp16")
    for name in ("text_encoder_2", "tokenizer_2", "vae"):
        relative_link(refiner / name, base / name)


# ---------------------------------------------------------------------------------------------
# Single-file checkpoints in Stability's original (ldm / sgm) layout.
# ---------------------------------------------------------------------------------------------

UNET_RESNET_NAMES = {"norm1": "in_layers.0", "conv1": "in_layers.2", "time_emb_proj": "emb_layers.1",
                     "norm2": "out_layers.0", "conv2": "out_layers.3", "conv_shortcut": "skip_connection"}


def unet_module_table(config):
    """diffusers module prefix -> (original prefix, is_resnet), for the SDXL UNet layout."""
    levels, per_block = len(config["block_out_channels"]), config["layers_per_block"]
    table = {"time_embedding.linear_1": ("time_embed.0", False), "time_embedding.linear_2": ("time_embed.2", False),
             "add_embedding.linear_1": ("label_emb.0.0", False), "add_embedding.linear_2": ("label_emb.0.2", False),
             "conv_in": ("input_blocks.0.0", False), "conv_norm_out": ("out.0", False),
             "conv_out": ("out.2", False),
             "mid_block.resnets.0": ("middle_block.0", True), "mid_block.attentions.0": ("middle_block.1", False),
             "mid_block.resnets.1": ("middle_block.2", True)}
    for level in range(levels):
        has_attention = config["down_block_types"][level].startswith("CrossAttn")
        for j in range(per_block):
            index = 1 + level * (per_block + 1) + j
            table[f"down_blocks.{level}.resnets.{j}"] = (f"input_blocks.{index}.0", True)
            if has_attention:
                table[f"down_blocks.{level}.attentions.{j}"] = (f"input_blocks.{index}.1", False)
        if level < levels - 1:
            index = 1 + level * (per_block + 1) + per_block
            table[f"down_blocks.{level}.downsamplers.0.conv"] = (f"input_blocks.{index}.0.op", False)
    for up in range(levels):
        has_attention = config["up_block_types"][up].startswith("CrossAttn")
        for j in range(per_block + 1):
            index = up * (per_block + 1) + j
            table[f"up_blocks.{up}.resnets.{j}"] = (f"output_blocks.{index}.0", True)
            if has_attention:
                table[f"up_blocks.{up}.attentions.{j}"] = (f"output_blocks.{index}.1", False)
        if up < levels - 1:
            index = up * (per_block + 1) + per_block
            slot = 2 if has_attention else 1
            table[f"up_blocks.{up}.upsamplers.0.conv"] = (f"output_blocks.{index}.{slot}.conv", False)
    return table


def split_key(key, table):
    """Longest module prefix of `key` in `table`, and the rest of the key."""
    parts = key.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        prefix = ".".join(parts[:cut])
        if prefix in table:
            return prefix, ".".join(parts[cut:])
    raise KeyError(f"no original name for {key}")


def unet_to_original(state, config):
    table = unet_module_table(config)
    out = {}
    for key, value in state.items():
        prefix, rest = split_key(key, table)
        original, is_resnet = table[prefix]
        if is_resnet:
            name, leaf = rest.rsplit(".", 1)
            rest = UNET_RESNET_NAMES[name] + "." + leaf
        out["model.diffusion_model." + original + "." + rest] = value
    return out


def vae_to_original(state, config):
    levels = len(config["block_out_channels"])
    table = {"encoder.conv_norm_out": "encoder.norm_out", "decoder.conv_norm_out": "decoder.norm_out"}
    for side in ("encoder", "decoder"):
        table[f"{side}.mid_block.resnets.0"] = f"{side}.mid.block_1"
        table[f"{side}.mid_block.resnets.1"] = f"{side}.mid.block_2"
    for i in range(levels):
        table[f"encoder.down_blocks.{i}.downsamplers.0.conv"] = f"encoder.down.{i}.downsample.conv"
        for j in range(config["layers_per_block"]):
            table[f"encoder.down_blocks.{i}.resnets.{j}"] = f"encoder.down.{i}.block.{j}"
        original = levels - 1 - i  # the decoder's up blocks are numbered from the bottom in the original
        table[f"decoder.up_blocks.{i}.upsamplers.0.conv"] = f"decoder.up.{original}.upsample.conv"
        for j in range(config["layers_per_block"] + 1):
            table[f"decoder.up_blocks.{i}.resnets.{j}"] = f"decoder.up.{original}.block.{j}"
    attention_names = {"group_norm": "norm", "to_q": "q", "to_k": "k", "to_v": "v", "to_out.0": "proj_out"}
    out = {}
    for key, value in state.items():
        if ".mid_block.attentions.0." in key:
            side, rest = key.split(".mid_block.attentions.0.")
            name, leaf = rest.rsplit(".", 1)
            if value.dim() == 2:  # linear in diffusers, 1x1 convolution in the original
                value = value[:, :, None, None]
            new_key = f"{side}.mid.attn_1.{attention_names[name]}.{leaf}"
        else:
            try:
                prefix, rest = split_key(key, table)
                new_key = table[prefix] + "." + rest.replace("conv_shortcut", "nin_shortcut")
            except KeyError:
                new_key = key  # conv_in, conv_out, quant_conv, post_quant_conv keep their names
        out["first_stage_model." + new_key] = value
    return out


def clip_l_to_original(model, prefix):
    out = {prefix + k: v for k, v in published_text_state_dict(model).items()}
    out[prefix + "text_model.embeddings.position_ids"] = torch.arange(77, dtype=torch.int64).unsqueeze(0)
    return out


def open_clip_to_original(model, prefix):
    """transformers CLIPTextModelWithProjection -> OpenCLIP text tower names (bigG in SDXL)."""
    state = model.state_dict()
    layers = model.config.num_hidden_layers
    out = {prefix + "token_embedding.weight": state["text_model.embeddings.token_embedding.weight"],
           prefix + "positional_embedding": state["text_model.embeddings.position_embedding.weight"],
           prefix + "ln_final.weight": state["text_model.final_layer_norm.weight"],
           prefix + "ln_final.bias": state["text_model.final_layer_norm.bias"],
           prefix + "text_projection": state["text_projection.weight"].t().contiguous(),
           prefix + "logit_scale": torch.tensor(math.log(1 / 0.07))}
    for i in range(layers):
        src, dst = f"text_model.encoder.layers.{i}.", f"{prefix}transformer.resblocks.{i}."
        for kind in ("weight", "bias"):
            out[dst + f"attn.in_proj_{kind}"] = torch.cat(
                [state[src + f"self_attn.{p}_proj.{kind}"] for p in ("q", "k", "v")], dim=0)
            out[dst + f"attn.out_proj.{kind}"] = state[src + f"self_attn.out_proj.{kind}"]
            out[dst + f"ln_1.{kind}"] = state[src + f"layer_norm1.{kind}"]
            out[dst + f"ln_2.{kind}"] = state[src + f"layer_norm2.{kind}"]
            out[dst + f"mlp.c_fc.{kind}"] = state[src + f"mlp.fc1.{kind}"]
            out[dst + f"mlp.c_proj.{kind}"] = state[src + f"mlp.fc2.{kind}"]
    assert len(out) == 6 + 12 * layers and len(state) == 5 + 16 * layers
    return out


def save_single_file(path, tensors):
    tensors = {k: (v.half() if v.is_floating_point() else v).contiguous() for k, v in tensors.items()}
    save_file(tensors, str(path), metadata={"format": "pt"})


def write_single_files(out, te1, te2, unet, refiner_unet, vae):
    vae_original = vae_to_original(vae.state_dict(), TINY_VAE)
    base = {**unet_to_original(unet.state_dict(), TINY_UNET_BASE), **vae_original,
            **clip_l_to_original(te1, "conditioner.embedders.0.transformer."),
            **open_clip_to_original(te2, "conditioner.embedders.1.model.")}
    save_single_file(out / "tiny_sdxl_base.safetensors", base)
    refiner = {**unet_to_original(refiner_unet.state_dict(), TINY_UNET_REFINER), **vae_original,
               **open_clip_to_original(te2, "conditioner.embedders.0.model.")}
    save_single_file(out / "tiny_sdxl_refiner.safetensors", refiner)


# ---------------------------------------------------------------------------------------------
# Loading back with diffusers, and the proofs that every layout holds the same model.
# ---------------------------------------------------------------------------------------------

def load_base(out):
    return StableDiffusionXLPipeline.from_pretrained(out / "base", variant="fp16", torch_dtype=torch.float32,
                                                     local_files_only=True, add_watermarker=False)


def load_refiner(out):
    return StableDiffusionXLImg2ImgPipeline.from_pretrained(out / "refiner", variant="fp16",
                                                            torch_dtype=torch.float32, local_files_only=True,
                                                            add_watermarker=False)


def assert_same_weights(label, expected, actual):
    expected, actual = expected.state_dict(), actual.state_dict()
    assert set(expected) == set(actual), f"{label}: keys differ: {set(expected) ^ set(actual)}"
    for key, value in expected.items():
        other = actual[key]
        assert other.dtype == torch.float32 and other.device.type == "cpu", f"{label}.{key}: {other.dtype}"
        assert torch.equal(value.float(), other), f"{label}.{key} differs"


def check_loaded_pipelines(base, refiner, te1, te2, unet, refiner_unet, vae):
    for label, expected, actual in (("text_encoder", te1, base.text_encoder),
                                    ("text_encoder_2", te2, base.text_encoder_2),
                                    ("unet", unet, base.unet), ("vae", vae, base.vae),
                                    ("refiner.unet", refiner_unet, refiner.unet),
                                    ("refiner.text_encoder_2", te2, refiner.text_encoder_2),
                                    ("refiner.vae", vae, refiner.vae)):
        assert_same_weights(label, expected, actual)
    assert base.config.force_zeros_for_empty_prompt is True
    assert refiner.config.requires_aesthetics_score is True and refiner.config.force_zeros_for_empty_prompt is False


def check_single_files(out, base, refiner, run_reference):
    """diffusers' from_single_file (offline: config= the diffusers folder) must give the same weights and
    the same generation as the diffusers layout."""
    single = StableDiffusionXLPipeline.from_single_file(
        str(out / "tiny_sdxl_base.safetensors"), config=str(out / "base"), local_files_only=True,
        torch_dtype=torch.float32, add_watermarker=False)
    for name in ("text_encoder", "text_encoder_2", "unet", "vae"):
        assert_same_weights(f"single-file base {name}", getattr(base, name), getattr(single, name))
    single_refiner = StableDiffusionXLImg2ImgPipeline.from_single_file(
        str(out / "tiny_sdxl_refiner.safetensors"), config=str(out / "refiner"), local_files_only=True,
        torch_dtype=torch.float32, add_watermarker=False)
    for name in ("text_encoder_2", "unet", "vae"):
        assert_same_weights(f"single-file refiner {name}", getattr(refiner, name), getattr(single_refiner, name))
    assert single_refiner.config.requires_aesthetics_score is True
    diff = run_reference(single, single_refiner)
    print(f"single-file pipelines reproduce the diffusers-layout generations: max |diff| = {diff:.3g}")
    assert diff < 1e-6


# ---------------------------------------------------------------------------------------------
# Reference cases.
# ---------------------------------------------------------------------------------------------

LONG_PROMPT = ("a breathtaking panoramic matte painting of an ancient floating city above the clouds at golden "
               "hour, intricate gothic spires, waterfalls spilling off the edges into the void, flocks of white "
               "birds, airships with brass propellers, warm volumetric light, god rays, highly detailed, sharp "
               "focus, concept art by a famous studio, trending on an art site, eight k resolution, dramatic "
               "composition, cinematic colour grading, wide angle lens, and one tiny figure on a bridge")
NON_ASCII_PROMPT = "Ein Café in Zürich bei Nacht, 東京の夜景, naïve façade — 🚀"

TOKENIZER_PROMPTS = [
    "a photo of an astronaut riding a horse on mars",
    "",
    "   ",
    "A Photo Of An ASTRONAUT",
    "wow!",
    "hello!! world !",
    "it's a dog's life, isn't it? we'll see, they'd say, you're right, I'm sure, we've won",
    "3.14159 and 2024-11-29 at 10:30pm, 1st place",
    "tab\tseparated\nnew line   many    spaces",
    NON_ASCII_PROMPT,
    "émigré naïve coöperate Ångström",
    "ﬁne ligature and Ｆｕｌｌｗｉｄｔｈ letters",
    "emoji 🐱🐶 and 👩‍🚀 astronaut",
    "Tom &amp; Jerry <b>bold</b>",
    "a<|endoftext|>b and <|startoftext|>",
    "(masterpiece:1.2), [blurry], {best quality}",
    "snake_case_word and kebab-case-word and CamelCaseWord",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    LONG_PROMPT,
    " ".join(["cat"] * 80),
]
# Prompts where transformers' CLIPTokenizer and open_clip's tokenizer are expected to agree token for token
# (open_clip runs ftfy and html.unescape; tokenizer_2's pad token "!" is a special token in transformers).
OPEN_CLIP_AGREES = [0, 1, 2, 3, 6, 7, 8, 9, 10, 12, 15, 16, 17, 18, 19]

# "eos_in_text" holds a literal <|endoftext|>: the pooled state is taken at the first end token (position 2).
TEXT_ENCODER_PROMPTS = {"empty": "", "astronaut": TOKENIZER_PROMPTS[0], "long": LONG_PROMPT,
                        "eos_in_text": TOKENIZER_PROMPTS[14]}


def tokenizer_cases(base):
    from open_clip.tokenizer import SimpleTokenizer
    open_clip_tokenizer = SimpleTokenizer()
    cases = []
    for index, prompt in enumerate(TOKENIZER_PROMPTS):
        entry = {"prompt": prompt}
        for name in ("tokenizer", "tokenizer_2"):
            tokenizer = getattr(base, name)
            ids = tokenizer(prompt, padding="max_length", max_length=tokenizer.model_max_length,
                            truncation=True).input_ids
            entry[name] = ids
            entry[name + "_untruncated"] = tokenizer(prompt).input_ids
        reference = open_clip_tokenizer(prompt)[0].tolist()
        if index in OPEN_CLIP_AGREES:
            assert entry["tokenizer_2"] == reference, f"tokenizer_2 differs from open_clip for {prompt!r}"
            eos = entry["tokenizer"].index(49407)
            assert entry["tokenizer"][:eos + 1] == reference[:eos + 1], f"tokenizer differs for {prompt!r}"
        else:
            print(f"  tokenizer_2 vs open_clip for {prompt!r}: "
                  f"{'same' if entry['tokenizer_2'] == reference else 'differs (expected)'}")
        cases.append(entry)
    return {"pad_id": {"tokenizer": base.tokenizer.pad_token_id, "tokenizer_2": base.tokenizer_2.pad_token_id},
            "cases": cases}


def text_encoder_cases(base):
    tensors, cases = {}, []
    for name, prompt in TEXT_ENCODER_PROMPTS.items():
        ids1 = base.tokenizer(prompt, padding="max_length", max_length=77, truncation=True,
                              return_tensors="pt").input_ids
        ids2 = base.tokenizer_2(prompt, padding="max_length", max_length=77, truncation=True,
                                return_tensors="pt").input_ids
        with torch.no_grad():
            o1 = base.text_encoder(ids1, output_hidden_states=True)
            o2 = base.text_encoder_2(ids2, output_hidden_states=True)
            pooled2 = base.text_encoder_2.text_model(ids2).pooler_output
        assert len(o1.hidden_states) == TINY_TEXT_ENCODER["num_hidden_layers"] + 1
        assert len(o2.hidden_states) == TINY_TEXT_ENCODER_2["num_hidden_layers"] + 1
        tensors.update({
            f"{name}.te1_penultimate": o1.hidden_states[-2],
            f"{name}.te1_last_hidden": o1.last_hidden_state,
            f"{name}.te1_pooled": o1.pooler_output,
            f"{name}.te2_penultimate": o2.hidden_states[-2],
            f"{name}.te2_last_hidden": o2.last_hidden_state,
            f"{name}.te2_pooled": pooled2,
            f"{name}.te2_text_embeds": o2.text_embeds,
        })
        eos1, eos2 = int(ids1[0].tolist().index(49407)), int(ids2[0].tolist().index(49407))
        cases.append({"name": name, "prompt": prompt, "tokenizer_ids": ids1[0].tolist(),
                      "tokenizer_2_ids": ids2[0].tolist(), "pooled_position_te1": eos1,
                      "pooled_position_te2": eos2})
    return tensors, cases


def unet_cases(base, refiner):
    g = torch.Generator().manual_seed(2024)
    tensors, cases = {}, []
    specs = [
        ("base_t999", base.unet, (8, 12), 999.0, [[1024., 768., 0., 0., 1024., 768.],
                                                  [64., 96., 16., 32., 48., 80.]]),
        ("base_t421", base.unet, (8, 12), 421.37, [[512., 320., 40., 8., 256., 384.],
                                                   [96., 64., 0., 0., 96., 64.]]),
        # 6x10 does not divide by 4: the up path must resize to the skip connection's size.
        ("base_t1_latent_not_divisible", base.unet, (6, 10), 1.0, [[48., 80., 0., 0., 48., 80.],
                                                                    [48., 80., 0., 0., 48., 80.]]),
        ("refiner_t999", refiner.unet, (8, 16), 999.0, [[1024., 768., 0., 0., 6.0], [64., 128., 8., 24., 2.5]]),
        ("refiner_t421", refiner.unet, (8, 16), 421.37, [[384., 512., 16., 0., 7.5], [64., 128., 0., 0., 1.0]]),
    ]
    for name, unet, (h, w), t, time_ids in specs:
        context = unet.config.cross_attention_dim
        sample = torch.randn(2, 4, h, w, generator=g)
        hidden = torch.randn(2, 77, context, generator=g)
        text_embeds = torch.randn(2, TINY_POOLED, generator=g)
        time_ids = torch.tensor(time_ids)
        timestep = torch.tensor([t], dtype=torch.float32)
        captured = {}
        hooks = [unet.time_embedding.register_forward_hook(lambda m, i, o: captured.__setitem__("time_emb", o)),
                 unet.add_embedding.register_forward_hook(lambda m, i, o: captured.__setitem__("aug_emb", o)),
                 unet.mid_block.register_forward_hook(lambda m, i, o: captured.__setitem__("mid_out", o))]
        with torch.no_grad():
            out = unet(sample, timestep, encoder_hidden_states=hidden,
                       added_cond_kwargs={"text_embeds": text_embeds, "time_ids": time_ids}).sample
        for hook in hooks:
            hook.remove()
        tensors.update({f"{name}.sample": sample, f"{name}.timestep": timestep,
                        f"{name}.encoder_hidden_states": hidden, f"{name}.text_embeds": text_embeds,
                        f"{name}.time_ids": time_ids, f"{name}.out": out,
                        f"{name}.time_emb": captured["time_emb"], f"{name}.aug_emb": captured["aug_emb"],
                        f"{name}.mid_out": captured["mid_out"]})
        cases.append({"name": name, "model": "base" if unet is base.unet else "refiner", "timestep": t,
                      "sample_shape": list(sample.shape)})
    return tensors, cases


def vae_cases(vae):
    g = torch.Generator().manual_seed(77)
    x = torch.rand(1, 3, 48, 80, generator=g) * 2 - 1
    z = torch.randn(1, 4, 5, 7, generator=g)
    with torch.no_grad():
        dist = vae.encode(x).latent_dist
        decoded = vae.decode(z).sample
    return ({"encode.x": x, "encode.mean": dist.mean, "encode.logvar": dist.logvar, "encode.std": dist.std,
             "decode.z": z, "decode.out": decoded},
            [{"name": "encode", "input": "encode.x", "shape": list(x.shape),
              "outputs": ["encode.mean", "encode.logvar", "encode.std"]},
             {"name": "decode", "input": "decode.z", "shape": list(z.shape), "outputs": ["decode.out"]}])


SAMPLERS = {
    "euler": ("EulerDiscreteScheduler", {}),
    "euler_a": ("EulerAncestralDiscreteScheduler", {}),
    "dpmpp_2m": ("DPMSolverMultistepScheduler", {"algorithm_type": "dpmsolver++", "solver_order": 2}),
    "dpmpp_2m_karras": ("DPMSolverMultistepScheduler", {"algorithm_type": "dpmsolver++", "solver_order": 2,
                                                        "use_karras_sigmas": True}),
    "ddim": ("DDIMScheduler", {}),
    "euler_trailing": ("EulerDiscreteScheduler", {"timestep_spacing": "trailing"}),
}
SCHEDULER_CLASSES = {c.__name__: c for c in (EulerDiscreteScheduler, EulerAncestralDiscreteScheduler,
                                             DPMSolverMultistepScheduler, DDIMScheduler)}


def make_scheduler(model_folder, sampler):
    """Always from the model's own scheduler_config.json plus the sampler's overrides (never from a scheduler
    that an earlier case swapped in, which would carry its options along)."""
    config = json.loads((model_folder / "scheduler" / "scheduler_config.json").read_text())
    class_name, overrides = SAMPLERS[sampler]
    return SCHEDULER_CLASSES[class_name].from_config(config, **overrides)


PROMPT = TOKENIZER_PROMPTS[0]
BASE_CALL = {"prompt": PROMPT, "width": 96, "height": 64, "num_inference_steps": 4, "guidance_scale": 5.0}


def scenario(name, pipeline="base", sampler="euler", seed=1234, image=None, compare_to="ref", **call):
    merged = {**BASE_CALL, **call} if pipeline == "base" else call
    merged = {k: v for k, v in merged.items() if v is not None}
    return {"name": name, "pipeline": pipeline, "sampler": sampler, "seed": seed, "image": image,
            "compare_to": compare_to, "call": merged}


def scenarios():
    s = [scenario("ref", compare_to=None)]
    # Samplers are compared for information only: DDIM and Euler solve the same ODE and differ little.
    s += [scenario(f"sampler_{name}", sampler=name, compare_to="ref:info") for name in ("euler_a", "ddim")]
    s += [scenario(f"sampler_{name}", sampler=name, num_inference_steps=5, compare_to="ref:info")
          for name in ("dpmpp_2m", "dpmpp_2m_karras")]
    s += [scenario("sampler_euler_trailing_no_cfg", sampler="euler_trailing", guidance_scale=0.0,
                   compare_to="ref:info")]
    s += [scenario("default_size", width=None, height=None, compare_to=None),
          scenario("size_tall", width=64, height=128, compare_to=None),
          scenario("size_latent_not_divisible", width=80, height=48, compare_to=None),
          scenario("original_size", original_size=(384, 160)),
          scenario("crops_coords_top_left", crops_coords_top_left=(24, 72)),
          scenario("target_size", target_size=(320, 128)),
          scenario("negative_micro_conditioning", negative_original_size=(48, 200),
                   negative_crops_coords_top_left=(16, 8), negative_target_size=(512, 40)),
          scenario("negative_original_size_only", negative_original_size=(48, 200),
                   negative_crops_coords_top_left=(16, 8), compare_to="ref:identical"),
          scenario("negative_prompt", negative_prompt="blurry, low quality, watermark"),
          scenario("negative_prompt_empty_string", negative_prompt=""),
          scenario("prompt_2", prompt_2="an oil painting by van gogh, swirling stars",
                   negative_prompt="ugly", negative_prompt_2="deformed, extra fingers"),
          scenario("long_prompt", prompt=LONG_PROMPT),
          scenario("non_ascii_prompt", prompt=NON_ASCII_PROMPT),
          scenario("guidance_rescale", guidance_rescale=0.7),
          scenario("wide_128x64", width=128, height=64, seed=99, compare_to=None),
          scenario("ensemble_base", width=128, height=64, num_inference_steps=6, denoising_end=0.8,
                   output_type="latent", seed=7, compare_to=None),
          scenario("ensemble_refiner", pipeline="refiner", seed=8, compare_to=None,
                   image={"scenario": "ensemble_base", "tensor": "final_latents"},
                   prompt=PROMPT, num_inference_steps=6, denoising_start=0.8, aesthetic_score=6.0,
                   negative_aesthetic_score=2.5),
          # The last 20 % of the steps run at low noise: the aesthetic score moves the image less there.
          scenario("ensemble_refiner_aesthetic", pipeline="refiner", seed=8, compare_to="ensemble_refiner:info",
                   image={"scenario": "ensemble_base", "tensor": "final_latents"},
                   prompt=PROMPT, num_inference_steps=6, denoising_start=0.8, aesthetic_score=9.5,
                   negative_aesthetic_score=0.5),
          scenario("refine_image", pipeline="refiner", seed=11, compare_to=None,
                   image={"scenario": "wide_128x64", "tensor": "image"},
                   prompt=PROMPT, num_inference_steps=10, strength=0.3),
          scenario("refine_image_aesthetic", pipeline="refiner", seed=11, compare_to="refine_image",
                   image={"scenario": "wide_128x64", "tensor": "image"},
                   prompt=PROMPT, num_inference_steps=10, strength=0.3, aesthetic_score=9.5,
                   negative_aesthetic_score=0.5),
          # The refiner has no text encoder 1: diffusers encodes `prompt` (not prompt_2) with text encoder 2.
          scenario("refine_image_prompt_2_unused", pipeline="refiner", seed=11, compare_to="refine_image:identical",
                   image={"scenario": "wide_128x64", "tensor": "image"},
                   prompt=PROMPT, prompt_2="an oil painting by van gogh", num_inference_steps=10, strength=0.3),
          scenario("img2img_base", pipeline="base_img2img", seed=12, compare_to=None,
                   image={"png": "init_image.png"},
                   prompt="a watercolour of a lighthouse", num_inference_steps=6, strength=0.6,
                   guidance_scale=5.0)]
    return s


def init_image():
    """A deterministic 96x64 RGB test picture: gradients, a disc and stripes."""
    h, w = 64, 96
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 255 * x / (w - 1)
    g = 255 * y / (h - 1)
    b = 128 + 127 * np.sin(x / 5.0) * np.cos(y / 7.0)
    disc = (x - 60) ** 2 + (y - 28) ** 2 < 15 ** 2
    r[disc], g[disc], b[disc] = 240, 200, 30
    stripes = (x // 8) % 2 == 0
    b[(y > 50) & stripes] = 20
    return Image.fromarray(np.stack([r, g, b], axis=-1).round().clip(0, 255).astype(np.uint8), "RGB")


class Recorder:
    """Captures what a pipeline call computes: initial latents, conditioning, latents after every step."""

    def __init__(self, pipe):
        self.steps, self.conditioning, self.initial = [], {}, None
        original = pipe.prepare_latents

        def prepare_latents(*args, **kwargs):
            latents = original(*args, **kwargs)
            self.initial = latents.clone()
            return latents
        pipe.prepare_latents = prepare_latents

    def __call__(self, pipe, step, timestep, tensors):
        if step == 0:
            self.conditioning = {k: v.clone() for k, v in tensors.items() if k != "latents"}
        self.steps.append(tensors["latents"].clone())
        return {}


def resolved_image_input(spec, results, out):
    if spec is None:
        return None, None
    if "png" in spec:
        picture = Image.open(out / "expected" / spec["png"]).convert("RGB")
        return picture, torch.from_numpy(np.asarray(picture).astype(np.float32) / 255.0)
    tensor = results[spec["scenario"]]["tensors"][spec["tensor"]]
    if spec["tensor"] == "image":
        return tensor.numpy()[None], tensor  # [1, H, W, 3] floats in [0, 1], as output_type="np" returns
    return tensor, tensor


def run_scenario(spec, pipes, out, results):
    pipe = pipes[spec["pipeline"]]
    folder = out / ("refiner" if spec["pipeline"] == "refiner" else "base")
    pipe.scheduler = make_scheduler(folder, spec["sampler"])
    recorder = Recorder(pipe)
    call = dict(spec["call"])
    image_arg, image_tensor = resolved_image_input(spec["image"], results, out)
    if image_arg is not None:
        call["image"] = image_arg
    output_type = call.pop("output_type", "np")
    generator = torch.Generator("cpu").manual_seed(spec["seed"])
    with torch.no_grad():
        result = pipe(**call, output_type=output_type, generator=generator, callback_on_step_end=recorder,
                      callback_on_step_end_tensor_inputs=["latents", "prompt_embeds", "add_text_embeds",
                                                          "add_time_ids"]).images
    del pipe.prepare_latents  # back to the class's method
    scheduler = pipe.scheduler
    tensors = {"initial_latents": recorder.initial, "step_latents": torch.stack(recorder.steps),
               "final_latents": recorder.steps[-1]}
    tensors.update(recorder.conditioning)
    if output_type == "latent":
        assert torch.equal(result, recorder.steps[-1])
    else:
        tensors["image"] = torch.from_numpy(result[0])  # [H, W, 3]
    if image_tensor is not None and "png" in spec["image"]:
        tensors["input_image"] = image_tensor  # an image from another case is that case's tensor
    timesteps = scheduler.timesteps.float()
    tensors["schedule_timesteps"] = timesteps
    if hasattr(scheduler, "sigmas"):
        tensors["schedule_sigmas"] = scheduler.sigmas.float()
    latent_shape = list(recorder.initial.shape)
    h, w = latent_shape[2] * pipe.vae_scale_factor, latent_shape[3] * pipe.vae_scale_factor
    if spec["pipeline"] == "base":
        noise = torch.randn(latent_shape, generator=torch.Generator("cpu").manual_seed(spec["seed"]))
        assert torch.equal(noise * scheduler.init_noise_sigma, recorder.initial)
        tensors["initial_noise"] = noise
    elif spec["call"].get("denoising_start") is None:
        # img2img: the generator first samples the VAE posterior, then draws the noise.
        g = torch.Generator("cpu").manual_seed(spec["seed"])
        processed = pipe.image_processor.preprocess(image_arg)
        with torch.no_grad():
            posterior = pipe.vae.encode(processed).latent_dist
        posterior_noise = torch.randn(posterior.mean.shape, generator=g)
        encoded = (posterior.mean + posterior.std * posterior_noise) * pipe.vae.config.scaling_factor
        noise = torch.randn(encoded.shape, generator=g)
        tensors.update({"posterior_mean": posterior.mean,
                        "posterior_std": posterior.std, "posterior_noise": posterior_noise,
                        "encoded_latents": encoded, "initial_noise": noise})
        fresh = make_scheduler(folder, spec["sampler"])
        fresh.set_timesteps(spec["call"]["num_inference_steps"])
        first = fresh.timesteps[fresh.timesteps.shape[0] - len(recorder.steps):][:1]
        assert torch.equal(fresh.add_noise(encoded, noise, first), recorder.initial)
    used_timesteps = timesteps[len(timesteps) - len(recorder.steps):] if spec["pipeline"] != "base" else \
        timesteps[:len(recorder.steps)]
    tensors["used_timesteps"] = used_timesteps.clone()
    entry = {"name": spec["name"], "pipeline": {"base": "StableDiffusionXLPipeline",
                                                "base_img2img": "StableDiffusionXLImg2ImgPipeline",
                                                "refiner": "StableDiffusionXLImg2ImgPipeline"}[spec["pipeline"]],
             "model": "refiner" if spec["pipeline"] == "refiner" else "base",
             "sampler": spec["sampler"],
             "scheduler": {"class": type(scheduler).__name__, "overrides": SAMPLERS[spec["sampler"]][1],
                           "resolved_config": resolved_scheduler_config(scheduler)},
             "seed": spec["seed"], "generator": "torch.Generator('cpu').manual_seed(seed)",
             "call": {k: (list(v) if isinstance(v, tuple) else v) for k, v in spec["call"].items()},
             "output_type": output_type, "image_input": spec["image"],
             "width": w, "height": h, "pipeline_height_width": [h, w],
             "steps_run": len(recorder.steps), "used_timesteps": used_timesteps.tolist(),
             "add_time_ids": recorder.conditioning["add_time_ids"].tolist(),
             "effective": effective_settings(spec, pipe, scheduler, h, w),
             "compare_to": spec["compare_to"], "file": f"pipeline_{spec['name']}.safetensors"}
    tensors = {k: v.detach().float().contiguous() for k, v in tensors.items()}
    results[spec["name"]] = {"entry": entry, "tensors": tensors}
    return results[spec["name"]]


def resolved_scheduler_config(scheduler):
    """The scheduler's full config (defaults included), in a stable order."""
    config = {k: (sorted(v) if k == "_use_default_values" else v) for k, v in dict(scheduler.config).items()}
    return dict(sorted(config.items()))


def effective_settings(spec, pipe, scheduler, height, width):
    """The values diffusers actually used, defaults included, so a test need not know diffusers' defaults."""
    call = spec["call"]
    guidance = call.get("guidance_scale", 5.0)
    img2img = spec["pipeline"] != "base"
    settings = {
        "guidance_scale": guidance, "classifier_free_guidance": guidance > 1,
        "guidance_rescale": call.get("guidance_rescale", 0.0), "eta": 0.0,
        "num_inference_steps": call.get("num_inference_steps", 50),
        "prompt_2": call.get("prompt_2") or call.get("prompt"),
        "negative_prompt": call.get("negative_prompt"),
        "negative_prompt_2": call.get("negative_prompt_2") or call.get("negative_prompt"),
        "negative_conditioning": ("zeros" if call.get("negative_prompt") is None and
                                  pipe.config.force_zeros_for_empty_prompt else "encoded text"),
        "original_size": list(call.get("original_size") or (height, width)),
        "crops_coords_top_left": list(call.get("crops_coords_top_left", (0, 0))),
        "init_noise_sigma": float(scheduler.init_noise_sigma),
        "vae_scaling_factor": pipe.vae.config.scaling_factor,
    }
    if spec["pipeline"] == "refiner":
        settings["text_encoders"] = ["text_encoder_2"]
        settings["prompt_2"] = None  # the refiner encodes `prompt` with text encoder 2; prompt_2 is not used
        settings["negative_prompt_2"] = None
        settings["aesthetic_score"] = call.get("aesthetic_score", 6.0)
        settings["negative_aesthetic_score"] = call.get("negative_aesthetic_score", 2.5)
        if settings["negative_conditioning"] == "encoded text" and settings["negative_prompt"] is None:
            settings["negative_prompt"] = ""
    else:
        settings["text_encoders"] = ["text_encoder", "text_encoder_2"]
        settings["target_size"] = list(call.get("target_size") or (height, width))
    if img2img:
        settings["strength"] = call.get("strength", 0.3)
        settings["denoising_start"] = call.get("denoising_start")
        settings["add_noise"] = call.get("denoising_start") is None
    else:
        settings["denoising_end"] = call.get("denoising_end")
    return settings


def pipelines_for(base, refiner):
    """The three pipelines the cases use: base text-to-image, base img2img (same components, as
    diffusers' from_pipe would build it) and the refiner."""
    base_img2img = StableDiffusionXLImg2ImgPipeline(
        vae=base.vae, text_encoder=base.text_encoder, text_encoder_2=base.text_encoder_2, tokenizer=base.tokenizer,
        tokenizer_2=base.tokenizer_2, unet=base.unet, scheduler=base.scheduler, requires_aesthetics_score=False,
        force_zeros_for_empty_prompt=True, add_watermarker=False)
    pipes = {"base": base, "refiner": refiner, "base_img2img": base_img2img}
    for pipe in pipes.values():
        pipe.set_progress_bar_config(disable=True)
    return pipes


def run_pipelines(out, base, refiner):
    pipes, results = pipelines_for(base, refiner), {}
    for spec in scenarios():
        run_scenario(spec, pipes, out, results)
    return results


def check_sensitivity(results):
    """Each conditioning value must move the result far beyond the 2/255 test tolerance, or a test that
    ignores it would pass. Cases marked `:identical` (settings diffusers ignores) must match exactly."""
    for name, result in results.items():
        target = result["entry"]["compare_to"]
        if target is None:
            continue
        other_name, _, mode = target.partition(":")
        mine, theirs = result["tensors"], results[other_name]["tensors"]
        key = "image" if "image" in mine else "final_latents"
        diff = float((mine[key] - theirs[key]).abs().max())
        if mode == "identical":  # every recorded tensor, since the other case's file stands in for this one
            print(f"  {name:34s} vs {target}: max |diff| = {diff:.3g} (must be 0)")
            assert mine.keys() == theirs.keys() and all(torch.equal(mine[k], theirs[k]) for k in mine), name
        elif mode == "info":
            print(f"  {name:34s} vs {target}: max |diff| = {diff:.3f} (information)")
        else:
            print(f"  {name:34s} vs {target}: max |diff| = {diff:.3f}")
            assert diff > 0.05, f"{name} barely changes the output ({diff})"
    for name, result in results.items():
        if "image" in result["tensors"]:
            image = result["tensors"]["image"]
            clipped = float(((image <= 0) | (image >= 1)).float().mean())
            assert clipped < 0.2, f"{name}: {clipped:.0%} of the pixels are clipped"


def write_expected(out, base, refiner, results):
    expected = out / "expected"
    manifest = {
        "generator": "Tools/make_sdxl_fixtures.py",
        "versions": VERSIONS,
        "notes": [
            "All tensors are F32, computed in fp32 on the CPU from the fp16-rounded weights.",
            "Image tensors are [H, W, 3] floats in [0, 1] (output_type='np' of diffusers); latents are NCHW.",
            "Under classifier-free guidance conditioning tensors hold the batch [negative, positive].",
            "Sizes: width/height in pixels; diffusers takes (height, width) tuples for original_size, "
            "target_size and (top, left) for crops_coords_top_left.",
        ],
        "models": {"base": "base", "refiner": "refiner", "base_single_file": "tiny_sdxl_base.safetensors",
                   "refiner_single_file": "tiny_sdxl_refiner.safetensors"},
        "tokenizers": tokenizer_cases(base),
    }
    te_tensors, te_cases = text_encoder_cases(base)
    save_file(te_tensors, str(expected / "text_encoders.safetensors"))
    manifest["text_encoders"] = {"file": "text_encoders.safetensors", "cases": te_cases,
                                 "tensors": {k: list(v.shape) for k, v in te_tensors.items()}}
    unet_tensors, unet_entries = unet_cases(base, refiner)
    save_file(unet_tensors, str(expected / "unet.safetensors"))
    manifest["unet"] = {"file": "unet.safetensors", "cases": unet_entries,
                        "tensors": {k: list(v.shape) for k, v in unet_tensors.items()}}
    vae_tensors, vae_entries = vae_cases(base.vae)
    save_file(vae_tensors, str(expected / "vae.safetensors"))
    manifest["vae"] = {"file": "vae.safetensors", "cases": vae_entries,
                       "tensors": {k: list(v.shape) for k, v in vae_tensors.items()}}
    manifest["pipelines"] = []
    for name, result in results.items():
        entry = dict(result["entry"])
        target = entry["compare_to"] or ""
        if target.endswith(":identical"):  # proven equal to another case: that case's file is the expectation
            entry["file"] = results[target.split(":")[0]]["entry"]["file"]
        else:
            save_file(result["tensors"], str(expected / entry["file"]))
        entry["tensors"] = {k: list(v.shape) for k, v in result["tensors"].items()}
        manifest["pipelines"].append(entry)
    (expected / "manifest.json").write_text(format_json(plain_json(manifest)) + "\n", encoding="utf-8")


def reference_image_difference(base, refiner, results, out):
    """Runs the end-to-end cases of every pipeline kind again with other pipelines (the single-file ones)
    and returns the largest difference in any recorded tensor."""
    pipes, rerun, worst = pipelines_for(base, refiner), {}, 0.0
    for spec in scenarios():
        if spec["name"] not in ("ref", "wide_128x64", "ensemble_base", "ensemble_refiner", "refine_image",
                                "img2img_base"):
            continue
        run_scenario(spec, pipes, out, rerun)
        for key, value in rerun[spec["name"]]["tensors"].items():
            worst = max(worst, float((value - results[spec["name"]]["tensors"][key]).abs().max()))
    return worst


# ---------------------------------------------------------------------------------------------
# Full-size random models for benchmarks.
# ---------------------------------------------------------------------------------------------

def meta_models():
    with torch.device("meta"):
        models = {
            "unet": UNet2DConditionModel(**model_config(FULL_UNET_BASE)),
            "refiner unet": UNet2DConditionModel(**model_config(FULL_UNET_REFINER)),
            "vae": AutoencoderKL(**model_config(FULL_VAE)),
            "text_encoder": CLIPTextModel(CLIPTextConfig(**model_config(FULL_TEXT_ENCODER))),
            "text_encoder_2": CLIPTextModelWithProjection(CLIPTextConfig(**model_config(FULL_TEXT_ENCODER_2))),
        }
    return models


def count_parameters():
    counts = {name: sum(p.numel() for p in model.parameters()) for name, model in meta_models().items()}
    for name, count in counts.items():
        print(f"  {name:15s} {count:>15,d} parameters")
    for name, published in PUBLISHED_PARAMETER_COUNTS.items():
        assert counts[name] == published, f"{name}: {counts[name]:,} parameters, published {published:,}"
    print("full-size UNet parameter counts match the published models")
    return counts


def fill_random_fp16(model, seed):
    """Materialises a meta model on the CPU in fp16 with random values of sensible scale: weights
    ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), norm weights 1 + 0.1 N(0,1), biases 0.02 N(0,1), embeddings 0.02 N."""
    model.to_empty(device="cpu")
    g = torch.Generator().manual_seed(seed)
    norm_params = {id(p) for m in model.modules() if isinstance(m, (torch.nn.GroupNorm, torch.nn.LayerNorm))
                   for p in m.parameters()}
    embeddings = {id(m.weight) for m in model.modules() if isinstance(m, torch.nn.Embedding)}
    with torch.no_grad():
        for name, p in model.named_parameters():
            chunk = torch.empty(p.shape, dtype=torch.float32)
            if id(p) in norm_params and name.endswith("weight"):
                chunk.normal_(0, 1, generator=g).mul_(0.1).add_(1)
            elif id(p) in embeddings:
                chunk.normal_(0, 0.02, generator=g)
            elif p.dim() == 1:
                chunk.normal_(0, 0.02, generator=g)
            else:
                bound = 1 / math.sqrt(p[0].numel())
                chunk.uniform_(-bound, bound, generator=g)
            p.copy_(chunk.half())
            del chunk
        for name, buffer in model.named_buffers():
            if name.endswith("position_ids"):
                buffer.copy_(torch.arange(buffer.shape[-1]).expand_as(buffer))
    return model


def write_full_size(folder, vocab, merges):
    """Random full-size SDXL base and refiner (published configs, fp16, diffusers layout), one component
    at a time to keep the memory peak near the UNet's 5 GB."""
    base, refiner = folder / "base", folder / "refiner"
    write_json(base / "model_index.json", {**MODEL_INDEX_BASE, "_diffusers_version": diffusers.__version__})
    write_scheduler(base / "scheduler")
    write_tokenizer(base / "tokenizer", "<|endoftext|>", vocab=vocab, merges=merges)
    write_tokenizer(base / "tokenizer_2", "!", vocab_source=base / "tokenizer")
    write_json(refiner / "model_index.json", {**MODEL_INDEX_REFINER, "_diffusers_version": diffusers.__version__})
    write_scheduler(refiner / "scheduler")
    jobs = [
        ("text_encoder", lambda: CLIPTextModel(CLIPTextConfig(**model_config(FULL_TEXT_ENCODER)))),
        ("text_encoder_2", lambda: CLIPTextModelWithProjection(CLIPTextConfig(**model_config(FULL_TEXT_ENCODER_2)))),
        ("vae", lambda: AutoencoderKL(**model_config(FULL_VAE))),
        ("unet", lambda: UNet2DConditionModel(**model_config(FULL_UNET_BASE))),
        ("refiner_unet", lambda: UNet2DConditionModel(**model_config(FULL_UNET_REFINER))),
    ]
    for index, (name, build) in enumerate(jobs):
        print(f"writing full-size {name}", flush=True)
        torch.set_default_dtype(torch.float16)  # parameters are born fp16: no fp32 copy of 10 GB
        try:
            with torch.device("meta"):
                model = build()
        finally:
            torch.set_default_dtype(torch.float32)
        model = fill_random_fp16(model, 5000 + index).eval()
        if name == "text_encoder":
            write_text_encoder(base / name, model, FULL_TEXT_ENCODER, with_position_ids=False)
        elif name == "text_encoder_2":
            write_text_encoder(base / name, model, FULL_TEXT_ENCODER_2, with_position_ids=False)
        elif name == "vae":
            write_diffusers_model(base / "vae", model, FULL_VAE, variant="fp16")
        elif name == "unet":
            write_diffusers_model(base / "unet", model, FULL_UNET_BASE, variant="fp16")
        else:
            write_diffusers_model(refiner / "unet", model, FULL_UNET_REFINER, variant="fp16")
        del model
    for name in ("text_encoder_2", "tokenizer_2", "vae"):
        relative_link(refiner / name, base / name)
    print(f"full-size random SDXL written to {folder}")


# ---------------------------------------------------------------------------------------------

def folder_size(folder):
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, help="fixture folder to (re)write")
    parser.add_argument("--full-size", type=pathlib.Path, metavar="DIR",
                        help="write a random full-size SDXL base and refiner (~11 GB) to DIR instead")
    parser.add_argument("--count-only", action="store_true",
                        help="only build the full-size models on the meta device and check parameter counts")
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    diffusers.utils.logging.set_verbosity_error()
    transformers.utils.logging.set_verbosity_error()

    if args.count_only:
        count_parameters()
        return
    vocab, merges = clip_vocabulary()
    if args.full_size is not None:
        count_parameters()
        write_full_size(args.full_size, vocab, merges)
        return

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    te1, te2 = build_text_encoders()
    unet = build_unet(TINY_UNET_BASE, 201)
    refiner_unet = build_unet(TINY_UNET_REFINER, 301)
    vae = build_vae(TINY_VAE, 401)
    write_pipelines(out, te1, te2, unet, refiner_unet, vae, vocab, merges)
    write_single_files(out, te1, te2, unet, refiner_unet, vae)

    base, refiner = load_base(out), load_refiner(out)
    check_loaded_pipelines(base, refiner, te1, te2, unet, refiner_unet, vae)
    print("diffusers-layout pipelines load with identical weights")

    expected = out / "expected"
    if expected.exists():
        shutil.rmtree(expected)
    expected.mkdir()
    init_image().save(expected / "init_image.png")
    results = run_pipelines(out, base, refiner)
    print("sensitivity of the generations to each setting:")
    check_sensitivity(results)
    write_expected(out, base, refiner, results)
    check_single_files(out, base, refiner, lambda b, r: reference_image_difference(b, r, results, out))

    total = folder_size(out)
    print(f"total size of {out}: {total / 1e6:.2f} MB")
    for path in sorted(out.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.stat().st_size > 500_000:
            print(f"  {path.relative_to(out)}: {path.stat().st_size / 1e6:.2f} MB")
    assert total < 30e6


if __name__ == "__main__":
    sys.exit(main())
