#!/usr/bin/env python3
"""Trains the bundled demo model from scratch: a miniature SDXL base and refiner on procedural shapes.

The architecture is SDXL's, only narrow: an AutoencoderKL (4x downscale, 4 latent channels), two CLIP
text encoders (CLIPTextModel with quick_gelu like ViT-L, CLIPTextModelWithProjection with gelu like
OpenCLIP bigG) over the real CLIP vocabulary, whose penultimate hidden states are concatenated into
the UNet's context while encoder 2's projected pooled output joins the six micro-conditioning ids
(original_size, crops_coords_top_left, target_size) in the `text_time` embedding; and a refiner UNet
that sees encoder 2 only and five ids (original_size, crops_coords_top_left, aesthetic_score),
trained on the low-noise end of the schedule (timesteps below 200) for the ensemble of experts.

Stages (each saves a checkpoint under --work, later stages load the earlier ones):
  vae      autoencoder on pictures from dataset.py; sets the VAE scaling_factor to 1/std of latents
  decoder  the decoder alone (encoder frozen, so the latents stay put), edge-weighted loss
  base     text encoders and base UNet together (epsilon prediction, SDXL noise schedule,
           10 % of captions dropped to zero embeddings for classifier-free guidance, as the base
           pipeline's force_zeros_for_empty_prompt expects)
  base-more  the base UNet continued on fresh pictures with far-corner crops (text encoders frozen)
  refiner  refiner UNet with the trained text encoder 2 frozen (drops to the encoded empty prompt,
           as the refiner pipeline does); aesthetic_score is high for sharp pictures, low for blurry
  export   fp16 safetensors in the diffusers layout under --out (DemoModel/base, DemoModel/refiner)

Everything is seeded; the step counts are fixed, so a re-run gives the same model on the same
machine and library versions (see README.md and training-log.txt for how the committed model was
made). Run from the repository root:
    nice -n 5 python3 Tools/demo-model/train.py --stage all 2>&1 | tee /tmp/demo-train.log
"""
import argparse
import json
import math
import os
import pathlib
import shutil
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import load_file, save_file

from diffusers import AutoencoderKL, UNet2DConditionModel
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection, CLIPTokenizer

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import dataset  # noqa: E402
import measure  # noqa: E402

TOKENIZER_SOURCE = ROOT / "Tests" / "Fixtures" / "tiny-sdxl" / "base"

# ---------------------------------------------------------------------------------------------
# Configs: the published SDXL keys, narrow sizes.
# ---------------------------------------------------------------------------------------------

SCHEDULER_CONFIG = {
    "_class_name": "EulerDiscreteScheduler", "_diffusers_version": "0.42.1",
    "beta_end": 0.012, "beta_schedule": "scaled_linear", "beta_start": 0.00085, "clip_sample": False,
    "interpolation_type": "linear", "num_train_timesteps": 1000, "prediction_type": "epsilon",
    "sample_max_value": 1.0, "set_alpha_to_one": False, "skip_prk_steps": True, "steps_offset": 1,
    "timestep_spacing": "leading", "trained_betas": None, "use_karras_sigmas": False,
}

TEXT_COMMON = {
    "attention_dropout": 0.0, "bos_token_id": 0, "dropout": 0.0, "eos_token_id": 2,
    "initializer_factor": 1.0, "initializer_range": 0.02, "layer_norm_eps": 1e-05,
    "max_position_embeddings": 77, "pad_token_id": 1, "vocab_size": 49408,
}
TEXT_ENCODER = {**TEXT_COMMON, "hidden_act": "quick_gelu", "hidden_size": 32, "intermediate_size": 128,
                "num_attention_heads": 2, "num_hidden_layers": 3, "projection_dim": 32}
TEXT_ENCODER_2 = {**TEXT_COMMON, "hidden_act": "gelu", "hidden_size": 32, "intermediate_size": 128,
                  "num_attention_heads": 2, "num_hidden_layers": 3, "projection_dim": 32}
CONTEXT_DIM = TEXT_ENCODER["hidden_size"] + TEXT_ENCODER_2["hidden_size"]
POOLED_DIM = TEXT_ENCODER_2["projection_dim"]
TIME_EMBED_DIM = 32

VAE = dict(in_channels=3, out_channels=3, latent_channels=4,
           down_block_types=["DownEncoderBlock2D"] * 3, up_block_types=["UpDecoderBlock2D"] * 3,
           block_out_channels=[32, 64, 64], layers_per_block=1, norm_num_groups=16, act_fn="silu",
           sample_size=64, force_upcast=True)

UNET_COMMON = dict(
    in_channels=4, out_channels=4, layers_per_block=2, norm_num_groups=8, act_fn="silu",
    use_linear_projection=True, addition_embed_type="text_time", addition_time_embed_dim=TIME_EMBED_DIM,
    flip_sin_to_cos=True, freq_shift=0, mid_block_type="UNetMidBlock2DCrossAttn", sample_size=16)
BASE_UNET = dict(
    UNET_COMMON,
    down_block_types=["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"],
    up_block_types=["CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"],
    block_out_channels=[32, 64, 96], attention_head_dim=[1, 2, 3], transformer_layers_per_block=[1, 1, 1],
    cross_attention_dim=CONTEXT_DIM, projection_class_embeddings_input_dim=6 * TIME_EMBED_DIM + POOLED_DIM)
REFINER_UNET = dict(
    UNET_COMMON,
    down_block_types=["DownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
    up_block_types=["UpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"],
    block_out_channels=[32, 64, 64], attention_head_dim=[1, 2, 2], transformer_layers_per_block=1,
    cross_attention_dim=TEXT_ENCODER_2["hidden_size"],
    projection_class_embeddings_input_dim=5 * TIME_EMBED_DIM + POOLED_DIM)

REFINER_MAX_TIMESTEP = 200
CAPTION_DROP = 0.1
NOISE_OFFSET = 0.05


def log(message):
    print(message, flush=True)


# ---------------------------------------------------------------------------------------------
# Shared helpers.
# ---------------------------------------------------------------------------------------------

def to_tensor_images(images):
    """uint8 [N, H, W, 3] -> float [N, 3, H, W] in [-1, 1]."""
    return torch.from_numpy(images).permute(0, 3, 1, 2).float() / 127.5 - 1.0


def batch_iterator(data, batch_size, rng):
    """Endless random batches, each from one bucket chosen in proportion to its size."""
    buckets = list(data)
    sizes = np.array([len(data[b]["captions"]) for b in buckets], dtype=np.float64)
    while True:
        bucket = buckets[rng.choice(len(buckets), p=sizes / sizes.sum())]
        index = rng.choice(len(data[bucket]["captions"]), size=batch_size, replace=False)
        yield bucket, index


def cosine_lr(step, total, peak, warmup=100, floor=0.1):
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return peak * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress)))


class EMA:
    def __init__(self, modules, decay):
        self.params = [p for m in modules for p in m.parameters()]
        self.shadow = [p.detach().clone() for p in self.params]
        self.decay = decay
        self.updates = 0

    @torch.no_grad()
    def update(self):
        self.updates += 1
        decay = min(self.decay, (1 + self.updates) / (10 + self.updates))
        for s, p in zip(self.shadow, self.params):
            s.mul_(decay).add_(p.detach(), alpha=1 - decay)

    @torch.no_grad()
    def copy_to_model(self):
        for s, p in zip(self.shadow, self.params):
            p.copy_(s)


def alphas_cumprod():
    betas = torch.linspace(SCHEDULER_CONFIG["beta_start"] ** 0.5, SCHEDULER_CONFIG["beta_end"] ** 0.5, 1000) ** 2
    return torch.cumprod(1 - betas, dim=0)


def load_tokenizers():
    return (CLIPTokenizer.from_pretrained(TOKENIZER_SOURCE / "tokenizer"),
            CLIPTokenizer.from_pretrained(TOKENIZER_SOURCE / "tokenizer_2"))


def token_ids(tokenizer, captions):
    return tokenizer(captions, padding="max_length", max_length=77, truncation=True,
                     return_tensors="pt").input_ids


def make_text_encoders():
    return (CLIPTextModel(CLIPTextConfig(**TEXT_ENCODER)),
            CLIPTextModelWithProjection(CLIPTextConfig(**TEXT_ENCODER_2)))


def encode_text(te1, te2, ids1, ids2):
    """SDXL's prompt embedding: penultimate states of both encoders, pooled projection of encoder 2."""
    h1 = te1(ids1, output_hidden_states=True).hidden_states[-2]
    out2 = te2(ids2, output_hidden_states=True)
    return torch.cat([h1, out2.hidden_states[-2]], dim=-1), out2.text_embeds, out2.hidden_states[-2]


def dataset_with_latents(work, vae, scaling, count, seed, far_corner_probability=0.0):
    """Renders the dataset and encodes it once: latent mean and std per sample (fp32). The result
    is kept under `work` for the next stage (the base and the refiner train on the same pictures)."""
    recipe = f"-far{far_corner_probability:g}" if far_corner_probability else ""
    cache = work / f"latents-{count}-{seed}{recipe}.pt"
    if cache.exists():
        log(f"dataset: {count} samples from {cache}")
        return torch.load(cache, weights_only=False)
    start = time.time()
    data = dataset.make_dataset(count, seed, far_corner_probability)
    with torch.no_grad():
        for g in data.values():
            means, stds = [], []
            for k in range(0, len(g["images"]), 256):
                posterior = vae.encode(to_tensor_images(g["images"][k:k + 256])).latent_dist
                means.append(posterior.mean * scaling)
                stds.append(posterior.std * scaling)
            g["mean"], g["std"] = torch.cat(means), torch.cat(stds)
    log(f"dataset: {count} samples rendered and encoded in {time.time() - start:.0f} s "
        "(" + ", ".join(f"{h}x{w}: {len(g['captions'])}" for (h, w), g in data.items()) + ")")
    torch.save(data, cache)
    return data


def load_vae(work):
    vae = AutoencoderKL.from_pretrained(work / "vae")
    vae.eval().requires_grad_(False)
    return vae, vae.config.scaling_factor


# ---------------------------------------------------------------------------------------------
# Stage 1: the autoencoder.
# ---------------------------------------------------------------------------------------------

def train_vae(args):
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    data = dataset.make_dataset(args.vae_samples, args.seed + 1)
    vae = AutoencoderKL(**VAE)
    log(f"vae: {sum(p.numel() for p in vae.parameters()) / 1e6:.2f} M parameters")
    optimizer = torch.optim.AdamW(vae.parameters(), lr=args.vae_lr, weight_decay=0.0)
    batches = batch_iterator(data, args.vae_batch, rng)
    start, running = time.time(), []
    for step in range(args.vae_steps):
        bucket, index = next(batches)
        x = to_tensor_images(data[bucket]["images"][index])
        if step < args.vae_steps - args.vae_full_steps:
            # Most steps see 32x32 windows (4x cheaper); the last ones see whole pictures.
            top = int(rng.integers(0, x.shape[2] - 32 + 1))
            left = int(rng.integers(0, x.shape[3] - 32 + 1))
            x = x[..., top:top + 32, left:left + 32]
        posterior = vae.encode(x).latent_dist
        y = vae.decode(posterior.sample()).sample
        l1 = (y - x).abs().mean()
        edges = ((y[..., 1:, :] - y[..., :-1, :]) - (x[..., 1:, :] - x[..., :-1, :])).abs().mean() + \
                ((y[..., 1:] - y[..., :-1]) - (x[..., 1:] - x[..., :-1])).abs().mean()
        kl = posterior.kl().mean() / x[0].numel()
        loss = l1 + edges + args.vae_kl * kl
        for group in optimizer.param_groups:
            group["lr"] = cosine_lr(step, args.vae_steps, args.vae_lr)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(vae.parameters(), 1.0)
        optimizer.step()
        running.append((l1.item(), edges.item(), kl.item()))
        if (step + 1) % args.log_every == 0 or step + 1 == args.vae_steps:
            l1m, edm, klm = np.mean(running, axis=0)
            running = []
            log(f"vae step {step + 1:5d}/{args.vae_steps}  l1 {l1m:.4f}  edge {edm:.4f}  kl/dim {klm:.3f}  "
                f"{time.time() - start:.0f} s")
    vae.eval()
    with torch.no_grad():
        probe = dataset.make_dataset(512, args.seed + 2)
        latents = torch.cat([vae.encode(to_tensor_images(g["images"])).latent_dist.mean.flatten()
                             for g in probe.values()])
        scaling = float(1.0 / latents.std())
        errors = [(vae.decode(vae.encode(to_tensor_images(g["images"])).latent_dist.mean).sample.clamp(-1, 1)
                   - to_tensor_images(g["images"])).abs().mean().item() * 127.5 for g in probe.values()]
    vae.register_to_config(scaling_factor=round(scaling, 5))
    vae.save_pretrained(args.work / "vae", safe_serialization=True)
    log(f"vae: scaling_factor {scaling:.5f}; held-out reconstruction error {np.mean(errors):.2f}/255 per channel")


def image_edges(x):
    """Horizontal and vertical differences and the 4-neighbour Laplacian of [N, C, H, W] pictures."""
    laplacian = 4 * x[..., 1:-1, 1:-1] - x[..., :-2, 1:-1] - x[..., 2:, 1:-1] - x[..., 1:-1, :-2] - x[..., 1:-1, 2:]
    return x[..., 1:, :] - x[..., :-1, :], x[..., 1:] - x[..., :-1], laplacian


def train_decoder(args):
    """Sharpens the decoder with the encoder frozen (so the latents, and everything trained on them,
    stay as they are): whole pictures, with the loss weighted towards edges, because the blur of a
    small original is what size conditioning has to show."""
    torch.manual_seed(args.seed + 5)
    rng = np.random.default_rng(args.seed + 5)
    data = dataset.make_dataset(args.decoder_samples, args.seed + 6)
    vae = AutoencoderKL.from_pretrained(args.work / "vae")
    vae.requires_grad_(False)
    trained = list(vae.decoder.parameters()) + list(vae.post_quant_conv.parameters())
    for p in trained:
        p.requires_grad_(True)
    optimizer = torch.optim.AdamW(trained, lr=args.decoder_lr, weight_decay=0.0)
    batches = batch_iterator(data, args.decoder_batch, rng)
    start, running = time.time(), []
    for step in range(args.decoder_steps):
        bucket, index = next(batches)
        x = to_tensor_images(data[bucket]["images"][index])
        with torch.no_grad():
            posterior = vae.encode(x).latent_dist
        y = vae.decode(posterior.sample()).sample
        l1 = (y - x).abs().mean()
        edges = sum((a - b).abs().mean() for a, b in zip(image_edges(y), image_edges(x)))
        loss = l1 + args.decoder_edge_weight * edges
        for group in optimizer.param_groups:
            group["lr"] = cosine_lr(step, args.decoder_steps, args.decoder_lr, warmup=20)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trained, 1.0)
        optimizer.step()
        running.append((l1.item(), edges.item()))
        if (step + 1) % args.log_every == 0 or step + 1 == args.decoder_steps:
            l1m, edm = np.mean(running, axis=0)
            running = []
            log(f"decoder step {step + 1:5d}/{args.decoder_steps}  l1 {l1m:.4f}  edges {edm:.4f}  "
                f"{time.time() - start:.0f} s")
    vae.eval()
    vae.save_pretrained(args.work / "vae", safe_serialization=True)
    log_reconstruction(vae, args.seed + 2, "decoder")


def log_reconstruction(vae, seed, name):
    """Reconstruction error and high-frequency energy kept, sharp vs blurry pictures (held out)."""
    probe = dataset.make_dataset(256, seed)
    energy = {True: [[], []], False: [[], []]}
    errors = []
    with torch.no_grad():
        for g in probe.values():
            x = to_tensor_images(g["images"])
            y = vae.decode(vae.encode(x).latent_dist.mean).sample.clamp(-1, 1)
            errors.append((y - x).abs().mean().item() * 127.5)
            pictures = ((y + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 1).numpy()
            for original, decoded, sharp in zip(g["images"], pictures, g["sharp"]):
                energy[bool(sharp)][0].append(measure.high_frequency(original))
                energy[bool(sharp)][1].append(measure.high_frequency(decoded))
    log(f"{name}: held-out reconstruction error {np.mean(errors):.2f}/255 per channel; high-frequency energy "
        f"sharp {np.mean(energy[True][0]):.5f} -> {np.mean(energy[True][1]):.5f}, "
        f"blurry {np.mean(energy[False][0]):.5f} -> {np.mean(energy[False][1]):.5f}")


# ---------------------------------------------------------------------------------------------
# Stage 2: text encoders and base UNet together.
# ---------------------------------------------------------------------------------------------

def base_time_ids(g, index):
    return torch.from_numpy(np.concatenate([g["original"][index], g["crop"][index], g["target"][index]], axis=1))


def noisy_latents(g, index, generator, acp, max_timestep):
    mean, std = g["mean"][index], g["std"][index]
    x0 = mean + std * torch.randn(mean.shape, generator=generator)
    noise = torch.randn(x0.shape, generator=generator)
    noise = noise + NOISE_OFFSET * torch.randn(x0.shape[0], x0.shape[1], 1, 1, generator=generator)
    t = torch.randint(0, max_timestep, (x0.shape[0],), generator=generator)
    a = acp[t].view(-1, 1, 1, 1)
    return a.sqrt() * x0 + (1 - a).sqrt() * noise, noise, t


def train_base(args):
    torch.manual_seed(args.seed + 10)
    rng = np.random.default_rng(args.seed + 10)
    generator = torch.Generator().manual_seed(args.seed + 11)
    vae, scaling = load_vae(args.work)
    data = dataset_with_latents(args.work, vae, scaling, args.samples, args.seed + 12)
    tok1, tok2 = load_tokenizers()
    captions = sorted({c for g in data.values() for c in g["captions"]})
    ids1 = dict(zip(captions, token_ids(tok1, captions)))
    ids2 = dict(zip(captions, token_ids(tok2, captions)))

    te1, te2 = make_text_encoders()
    unet = UNet2DConditionModel(**BASE_UNET)
    modules = [te1, te2, unet]
    log(f"base: unet {sum(p.numel() for p in unet.parameters()) / 1e6:.2f} M, text encoders "
        f"{sum(p.numel() for p in te1.parameters()) / 1e6:.2f} M + {sum(p.numel() for p in te2.parameters()) / 1e6:.2f} M "
        f"parameters (mostly the 49408-row token tables); {len(captions)} distinct captions")
    params = [p for m in modules for p in m.parameters()]
    optimizer = torch.optim.AdamW(params, lr=args.base_lr, weight_decay=0.01)
    ema = EMA(modules, args.ema)
    acp = alphas_cumprod()
    batches = batch_iterator(data, args.base_batch, rng)
    start, running = time.time(), []
    for step in range(args.base_steps):
        bucket, index = next(batches)
        g = data[bucket]
        chosen = [g["captions"][i] for i in index]
        context, pooled, _ = encode_text(te1, te2, torch.stack([ids1[c] for c in chosen]),
                                         torch.stack([ids2[c] for c in chosen]))
        keep = (torch.rand(len(index), generator=generator) >= CAPTION_DROP).float()
        context, pooled = context * keep.view(-1, 1, 1), pooled * keep.view(-1, 1)
        x, noise, t = noisy_latents(g, index, generator, acp, 1000)
        prediction = unet(x, t, encoder_hidden_states=context,
                          added_cond_kwargs={"text_embeds": pooled, "time_ids": base_time_ids(g, index)}).sample
        loss = F.mse_loss(prediction, noise)
        for group in optimizer.param_groups:
            group["lr"] = cosine_lr(step, args.base_steps, args.base_lr)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        ema.update()
        running.append(loss.item())
        if (step + 1) % args.log_every == 0 or step + 1 == args.base_steps:
            log(f"base step {step + 1:5d}/{args.base_steps}  loss {np.mean(running):.4f}  "
                f"{time.time() - start:.0f} s")
            running = []
        if (step + 1) % args.checkpoint_every == 0 or step + 1 == args.base_steps:
            save_base_checkpoint(args.work, modules, ema)
    log(f"base: {args.base_steps} steps in {time.time() - start:.0f} s")


def save_base_checkpoint(work, modules, ema):
    """Saves the EMA weights (the ones exported) without disturbing the training weights."""
    te1, te2, unet = modules

    def save():
        te1.save_pretrained(work / "base-text_encoder")
        te2.save_pretrained(work / "base-text_encoder_2")
        unet.save_pretrained(work / "base-unet")
    save_ema_weights(ema, save)


def train_base_more(args):
    """Continues the base UNet from its checkpoint on fresh pictures that include far-corner crops
    (dataset.py), so that a large crop offset is learned to mean "the frame cuts the subject".
    The text encoders stay frozen: the refiner was trained on encoder 2 as it is."""
    torch.manual_seed(args.seed + 30)
    rng = np.random.default_rng(args.seed + 30)
    generator = torch.Generator().manual_seed(args.seed + 31)
    vae, scaling = load_vae(args.work)
    data = dataset_with_latents(args.work, vae, scaling, args.samples, args.seed + 32, args.far_corner)
    tok1, tok2 = load_tokenizers()
    te1 = CLIPTextModel.from_pretrained(args.work / "base-text_encoder").eval().requires_grad_(False)
    te2 = CLIPTextModelWithProjection.from_pretrained(args.work / "base-text_encoder_2").eval().requires_grad_(False)
    captions = sorted({c for g in data.values() for c in g["captions"]})
    with torch.no_grad():
        contexts, pooled_all, _ = encode_text(te1, te2, token_ids(tok1, captions + [""]),
                                              token_ids(tok2, captions + [""]))
    row = {c: k for k, c in enumerate(captions)}
    unet = UNet2DConditionModel.from_pretrained(args.work / "base-unet")
    unet.train()
    log(f"base-more: {args.more_steps} steps from the base checkpoint, far-corner crops "
        f"{args.far_corner:.0%} of pictures, text encoders frozen")
    acp = alphas_cumprod()

    def batch_loss(bucket, index):
        g = data[bucket]
        rows = torch.tensor([row[g["captions"][i]] for i in index])
        keep = (torch.rand(len(index), generator=generator) >= CAPTION_DROP).float()
        context, pooled = contexts[rows] * keep.view(-1, 1, 1), pooled_all[rows] * keep.view(-1, 1)
        x, noise, t = noisy_latents(g, index, generator, acp, 1000)
        prediction = unet(x, t, encoder_hidden_states=context,
                          added_cond_kwargs={"text_embeds": pooled, "time_ids": base_time_ids(g, index)}).sample
        return F.mse_loss(prediction, noise)

    train_unet(args, unet, "base-more", args.more_steps, args.more_lr, batch_iterator(data, args.base_batch, rng),
               batch_loss, args.work / "base-unet")


def train_unet(args, unet, name, steps, peak_lr, batches, batch_loss, folder):
    """The loop of the stages that train a UNet alone: AdamW on a cosine schedule, gradient
    clipping, EMA weights saved to `folder` at each checkpoint and at the end."""
    optimizer = torch.optim.AdamW(unet.parameters(), lr=peak_lr, weight_decay=0.01)
    ema = EMA([unet], args.ema)
    start, running = time.time(), []
    for step in range(steps):
        loss = batch_loss(*next(batches))
        for group in optimizer.param_groups:
            group["lr"] = cosine_lr(step, steps, peak_lr)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(unet.parameters(), 1.0)
        optimizer.step()
        ema.update()
        running.append(loss.item())
        if (step + 1) % args.log_every == 0 or step + 1 == steps:
            log(f"{name} step {step + 1:5d}/{steps}  loss {np.mean(running):.4f}  {time.time() - start:.0f} s")
            running = []
        if (step + 1) % args.checkpoint_every == 0 or step + 1 == steps:
            save_ema_weights(ema, lambda: unet.save_pretrained(folder))
    log(f"{name}: {steps} steps in {time.time() - start:.0f} s")


def save_ema_weights(ema, save):
    """Runs `save` with the EMA weights in the model, then puts the training weights back."""
    live = [p.detach().clone() for p in ema.params]
    ema.copy_to_model()
    save()
    with torch.no_grad():
        for p, value in zip(ema.params, live):
            p.copy_(value)


# ---------------------------------------------------------------------------------------------
# Stage 3: the refiner UNet (low-noise expert).
# ---------------------------------------------------------------------------------------------

def aesthetic_scores(g, index, rng):
    """High for sharp pictures, low for blurry upscales: what the refiner's aesthetic id learns."""
    sharp = g["sharp"][index]
    return np.where(sharp, rng.uniform(5.0, 7.0, len(index)), rng.uniform(1.5, 3.5, len(index)))


def train_refiner(args):
    torch.manual_seed(args.seed + 20)
    rng = np.random.default_rng(args.seed + 20)
    generator = torch.Generator().manual_seed(args.seed + 21)
    vae, scaling = load_vae(args.work)
    data = dataset_with_latents(args.work, vae, scaling, args.samples, args.seed + 12)
    _, tok2 = load_tokenizers()
    te2 = CLIPTextModelWithProjection.from_pretrained(args.work / "base-text_encoder_2").eval().requires_grad_(False)
    captions = sorted({c for g in data.values() for c in g["captions"]})
    with torch.no_grad():
        out = te2(token_ids(tok2, captions + [""]), output_hidden_states=True)
        states, pooled_all = out.hidden_states[-2], out.text_embeds
    row = {c: k for k, c in enumerate(captions)}
    empty = len(captions)

    unet = UNet2DConditionModel(**REFINER_UNET)
    log(f"refiner: unet {sum(p.numel() for p in unet.parameters()) / 1e6:.2f} M parameters, "
        f"timesteps 0..{REFINER_MAX_TIMESTEP - 1}")
    acp = alphas_cumprod()

    def batch_loss(bucket, index):
        g = data[bucket]
        rows = torch.tensor([row[g["captions"][i]] for i in index])
        drop = torch.rand(len(index), generator=generator) < CAPTION_DROP
        rows = torch.where(drop, torch.full_like(rows, empty), rows)
        time_ids = torch.from_numpy(np.concatenate(
            [g["original"][index], g["crop"][index], aesthetic_scores(g, index, rng)[:, None]], axis=1)).float()
        x, noise, t = noisy_latents(g, index, generator, acp, REFINER_MAX_TIMESTEP)
        prediction = unet(x, t, encoder_hidden_states=states[rows],
                          added_cond_kwargs={"text_embeds": pooled_all[rows], "time_ids": time_ids}).sample
        return F.mse_loss(prediction, noise)

    train_unet(args, unet, "refiner", args.refiner_steps, args.refiner_lr,
               batch_iterator(data, args.refiner_batch, rng), batch_loss, args.work / "refiner-unet")


# ---------------------------------------------------------------------------------------------
# Stage 4: the diffusers folders, fp16.
# ---------------------------------------------------------------------------------------------

def used_token_ids():
    tok1, tok2 = load_tokenizers()
    used = set()
    for tokenizer in (tok1, tok2):
        for text in dataset.all_training_captions() + [""] + dataset.vocabulary_words():
            used.update(token_ids(tokenizer, [text])[0].tolist())
    return sorted(used)


def save_text_encoder(model, folder, architecture, used):
    """Published layout: `text_model.`-prefixed keys (plus `text_projection.weight`), fp16, with
    the token-table rows of words the captions never use set to zero."""
    folder.mkdir(parents=True, exist_ok=True)
    tensors = {}
    for key, value in model.state_dict().items():
        if "position_ids" in key:
            continue
        if not (key.startswith("text_model.") or key.startswith("text_projection.")):
            key = "text_model." + key
        tensors[key] = value.detach().to(torch.float16).contiguous()
    table_key = "text_model.embeddings.token_embedding.weight"
    keep = torch.zeros(tensors[table_key].shape[0], dtype=torch.bool)
    keep[used] = True
    tensors[table_key][~keep] = 0
    save_file(tensors, folder / "model.safetensors", metadata={"format": "pt"})
    config = model.config.to_dict()
    config.update({"architectures": [architecture], "torch_dtype": "float16"})
    for key in ("_name_or_path", "transformers_version", "dtype", "output_hidden_states", "return_dict",
                "id2label", "label2id"):
        config.pop(key, None)
    config["model_type"] = "clip_text_model"
    (folder / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")


def save_diffusers_model(model, folder):
    model.to(torch.float16).save_pretrained(folder, safe_serialization=True)
    model.to(torch.float32)


def write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2) + "\n")


def copy_tokenizer(source, destination, link_vocabulary_to=None):
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("special_tokens_map.json", "tokenizer_config.json"):
        shutil.copyfile(source / name, destination / name)
    for name in ("vocab.json", "merges.txt"):
        target = destination / name
        if target.exists() or target.is_symlink():
            target.unlink()
        if link_vocabulary_to:
            os.symlink(f"{link_vocabulary_to}/{name}", target)
        else:
            shutil.copyfile((source / name).resolve(), target)


def export(args):
    out = args.out
    base, refiner = out / "base", out / "refiner"
    for folder in (base, refiner):
        if folder.exists():
            shutil.rmtree(folder)
    used = used_token_ids()
    log(f"export: {len(used)} token ids used by the captions keep their embedding rows")

    write_json(base / "model_index.json", {
        "_class_name": "StableDiffusionXLPipeline", "_diffusers_version": "0.42.1",
        "force_zeros_for_empty_prompt": True, "add_watermarker": None,
        "scheduler": ["diffusers", "EulerDiscreteScheduler"],
        "text_encoder": ["transformers", "CLIPTextModel"],
        "text_encoder_2": ["transformers", "CLIPTextModelWithProjection"],
        "tokenizer": ["transformers", "CLIPTokenizer"], "tokenizer_2": ["transformers", "CLIPTokenizer"],
        "unet": ["diffusers", "UNet2DConditionModel"], "vae": ["diffusers", "AutoencoderKL"]})
    write_json(base / "scheduler" / "scheduler_config.json", SCHEDULER_CONFIG)
    copy_tokenizer(TOKENIZER_SOURCE / "tokenizer", base / "tokenizer")
    copy_tokenizer(TOKENIZER_SOURCE / "tokenizer_2", base / "tokenizer_2", link_vocabulary_to="../tokenizer")
    save_text_encoder(CLIPTextModel.from_pretrained(args.work / "base-text_encoder"), base / "text_encoder",
                      "CLIPTextModel", used)
    save_text_encoder(CLIPTextModelWithProjection.from_pretrained(args.work / "base-text_encoder_2"),
                      base / "text_encoder_2", "CLIPTextModelWithProjection", used)
    save_diffusers_model(UNet2DConditionModel.from_pretrained(args.work / "base-unet"), base / "unet")
    save_diffusers_model(AutoencoderKL.from_pretrained(args.work / "vae"), base / "vae")

    write_json(refiner / "model_index.json", {
        "_class_name": "StableDiffusionXLImg2ImgPipeline", "_diffusers_version": "0.42.1",
        "force_zeros_for_empty_prompt": False, "add_watermarker": None, "requires_aesthetics_score": True,
        "scheduler": ["diffusers", "EulerDiscreteScheduler"], "text_encoder": [None, None],
        "text_encoder_2": ["transformers", "CLIPTextModelWithProjection"], "tokenizer": [None, None],
        "tokenizer_2": ["transformers", "CLIPTokenizer"], "unet": ["diffusers", "UNet2DConditionModel"],
        "vae": ["diffusers", "AutoencoderKL"]})
    write_json(refiner / "scheduler" / "scheduler_config.json", SCHEDULER_CONFIG)
    if (args.work / "refiner-unet").exists():
        save_diffusers_model(UNet2DConditionModel.from_pretrained(args.work / "refiner-unet"), refiner / "unet")
    for shared in ("text_encoder_2", "tokenizer_2", "vae"):
        os.symlink(f"../base/{shared}", refiner / shared)
    log(f"export: wrote {base} and {refiner}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stage", choices=["vae", "decoder", "base", "base-more", "refiner", "export", "all"],
                        default="all")
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/sdxl-demo-model-work"))
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "DemoModel")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--threads", type=int, default=1,
                        help="intra-op threads; more than the free cores makes torch stall at its barriers")
    parser.add_argument("--log-every", type=int, default=50)
    parser.add_argument("--checkpoint-every", type=int, default=500)
    parser.add_argument("--ema", type=float, default=0.998)
    parser.add_argument("--vae-steps", type=int, default=1500)
    parser.add_argument("--vae-full-steps", type=int, default=150)
    parser.add_argument("--vae-batch", type=int, default=16)
    parser.add_argument("--vae-lr", type=float, default=1e-3)
    parser.add_argument("--vae-kl", type=float, default=1e-4)
    parser.add_argument("--vae-samples", type=int, default=8000)
    parser.add_argument("--decoder-steps", type=int, default=600)
    parser.add_argument("--decoder-batch", type=int, default=8)
    parser.add_argument("--decoder-lr", type=float, default=3e-4)
    parser.add_argument("--decoder-edge-weight", type=float, default=3.0)
    parser.add_argument("--decoder-samples", type=int, default=4000)
    parser.add_argument("--base-steps", type=int, default=3000)
    parser.add_argument("--base-batch", type=int, default=32)
    parser.add_argument("--base-lr", type=float, default=6e-4)
    parser.add_argument("--more-steps", type=int, default=3000)
    parser.add_argument("--more-lr", type=float, default=3e-4)
    parser.add_argument("--far-corner", type=float, default=0.3,
                        help="share of far-corner crops in the base-more stage's pictures")
    parser.add_argument("--refiner-steps", type=int, default=600)
    parser.add_argument("--refiner-batch", type=int, default=32)
    parser.add_argument("--refiner-lr", type=float, default=6e-4)
    parser.add_argument("--samples", type=int, default=10000, help="pictures for the base and refiner stages")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)
    args.work.mkdir(parents=True, exist_ok=True)
    log(f"torch {torch.__version__}, threads {torch.get_num_threads()}, seed {args.seed}")
    stages = ["vae", "decoder", "base", "base-more", "refiner", "export"] if args.stage == "all" else [args.stage]
    for stage in stages:
        {"vae": train_vae, "decoder": train_decoder, "base": train_base, "base-more": train_base_more,
         "refiner": train_refiner, "export": export}[stage](args)


if __name__ == "__main__":
    main()
