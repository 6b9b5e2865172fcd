#!/usr/bin/env python3
"""Golden data for the Schedulers module, computed by torch and diffusers.

Writes four JSON files under Tests/SchedulersTests/Fixtures/ (float32 arrays are stored as
base64 of little-endian bytes):

  random.json     torch.randn on seeded CPU generators, for both of torch's float Box-Muller
                  builds: "avx" (x86-64 with AVX2/AVX-512) and "scalar" (ATEN_CPU_CAPABILITY=default).
                  Sizes 1..40, 100, 1023 for several seeds, successive draws on one generator,
                  and [1, 4, 128, 128] (sampled values plus an FNV-1a hash of all bytes).
  schedules.json  alphas_cumprod, timesteps, sigmas and init_noise_sigma for each sampler and
                  config variant, for several step counts.
  sampling.json   full sampling loops on a [1, 4, 5, 6] latent with a deterministic stand-in model,
                  every step's prev_sample and predicted x0.
  windows.json    img2img strength, denoising_start / denoising_end step ranges, add_noise, and
                  split (base -> refiner) and img2img loops.

Every scheduler is built the way the Swift code builds it: the model's scheduler_config.json
plus only the sampler's own overrides (never a config carried over from another sampler).

Run from the repository root with the reference environment (torch, diffusers, numpy):
    /root/refenv/bin/python Tools/make_scheduler_fixtures.py
"""
import base64
import json
import math
import os
import pathlib
import subprocess
import sys
import types

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "SchedulersTests" / "Fixtures"

# stabilityai/stable-diffusion-xl-base-1.0, scheduler/scheduler_config.json
SDXL_CONFIG = {
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

VARIANTS = {
    "sdxl": {},
    "sdxl_v": {"prediction_type": "v_prediction"},
    "sdxl_trailing": {"timestep_spacing": "trailing"},
    "sdxl_linspace": {"timestep_spacing": "linspace"},
    "sdxl_karras": {"use_karras_sigmas": True},
    "sdxl_loglinear": {"interpolation_type": "log_linear"},
    "sdxl_sigma_min": {"final_sigmas_type": "sigma_min"},
    "continuous_v": {"prediction_type": "v_prediction", "timestep_type": "continuous"},
    "zsnr_v": {"rescale_betas_zero_snr": True, "prediction_type": "v_prediction", "timestep_spacing": "trailing"},
    # A DDPM-style config with most keys missing: class defaults apply.
    "linear": {"_replace": {"_class_name": "DDPMScheduler", "num_train_timesteps": 1000, "beta_start": 0.0001,
                            "beta_end": 0.02, "beta_schedule": "linear"}},
    "cosine": {"beta_schedule": "squaredcos_cap_v2"},
    "lambda_clipped": {"lambda_min_clipped": -5.1},
}

SAMPLER_OVERRIDES = {
    "euler": ("EulerDiscreteScheduler", {}),
    "euler_trailing": ("EulerDiscreteScheduler", {"timestep_spacing": "trailing"}),
    "euler_a": ("EulerAncestralDiscreteScheduler", {}),
    "dpmpp_2m": ("DPMSolverMultistepScheduler",
                 {"algorithm_type": "dpmsolver++", "solver_order": 2, "use_karras_sigmas": False}),
    "dpmpp_2m_karras": ("DPMSolverMultistepScheduler",
                        {"algorithm_type": "dpmsolver++", "solver_order": 2, "use_karras_sigmas": True}),
    "ddim": ("DDIMScheduler", {}),
}

LATENT_SHAPE = (1, 4, 5, 6)


def b64(values):
    return base64.b64encode(np.ascontiguousarray(np.asarray(values, dtype="<f4")).tobytes()).decode("ascii")


def fnv1a64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for byte in data:
        h ^= byte
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


# ----------------------------------------------------------------------------------------------
# random.json (each Box-Muller build runs in its own process: torch reads ATEN_CPU_CAPABILITY once)

RANDOM_SEEDS = [0, 42, 2**32 - 1, 2**63 - 1]
RANDOM_SIZES = list(range(1, 41)) + [100, 1023]
SEQUENCE_SEED = 7
SEQUENCE_SIZES = [3, 5, 20, 1, 1, 17, 7, 1, 16, 2, 120]
BIG_SHAPE = [1, 4, 128, 128]
BIG_SEEDS = [0, 42]
BIG_STRIDE = 127


def random_worker():
    import torch

    capability = torch.backends.cpu.get_cpu_capability()
    result = {"torch_capability": capability, "seeds": {}, "sequence": None, "big": {}}
    for seed in RANDOM_SEEDS:
        values = []
        for size in RANDOM_SIZES:
            g = torch.Generator("cpu").manual_seed(seed)
            values.append(torch.randn(size, generator=g, dtype=torch.float32).numpy())
        result["seeds"][str(seed)] = b64(np.concatenate(values))
    g = torch.Generator("cpu").manual_seed(SEQUENCE_SEED)
    draws = [torch.randn(size, generator=g, dtype=torch.float32).numpy() for size in SEQUENCE_SIZES]
    result["sequence"] = b64(np.concatenate(draws))
    for seed in BIG_SEEDS:
        g = torch.Generator("cpu").manual_seed(seed)
        big = torch.randn(BIG_SHAPE, generator=g, dtype=torch.float32).numpy().reshape(-1)
        as_double = big.astype(np.float64)
        result["big"][str(seed)] = {
            "indices_stride": BIG_STRIDE,
            "values": b64(big[::BIG_STRIDE]),
            "fnv1a64": str(fnv1a64(big.astype("<f4").tobytes())),
            "sum": math.fsum(as_double),
            "sum_of_squares": math.fsum(as_double * as_double),
        }
    json.dump(result, sys.stdout)


def random_fixture():
    kernels = {}
    for name, capability in [("avx", "avx2"), ("scalar", "default")]:
        env = dict(os.environ, ATEN_CPU_CAPABILITY=capability)
        output = subprocess.run([sys.executable, __file__, "--random-worker"], env=env, check=True,
                                capture_output=True, text=True).stdout
        data = json.loads(output)
        expected = {"avx": ("AVX2", "AVX512"), "scalar": ("DEFAULT",)}[name]
        assert data["torch_capability"] in expected, (name, data["torch_capability"])
        kernels[name] = data
    return {
        "seeds": [str(s) for s in RANDOM_SEEDS],
        "sizes": RANDOM_SIZES,
        "sequence_seed": SEQUENCE_SEED,
        "sequence_sizes": SEQUENCE_SIZES,
        "big_shape": BIG_SHAPE,
        "kernels": kernels,
    }


# ----------------------------------------------------------------------------------------------
# Schedulers, built from the model config plus the sampler's own overrides


def variant_config(variant):
    spec = VARIANTS[variant]
    if "_replace" in spec:
        return dict(spec["_replace"])
    config = dict(SDXL_CONFIG)
    config.update(spec)
    return config


def make_scheduler(sampler, config):
    import diffusers

    class_name, overrides = SAMPLER_OVERRIDES[sampler]
    cls = getattr(diffusers, class_name)
    return cls.from_config(dict(config), **overrides)


def sigmas_of(scheduler):
    return getattr(scheduler, "sigmas", None)


SCHEDULE_CASES = [
    ("euler", ["sdxl", "sdxl_v", "sdxl_trailing", "sdxl_linspace", "sdxl_karras", "sdxl_loglinear",
               "sdxl_sigma_min", "continuous_v", "zsnr_v", "linear", "cosine"]),
    ("euler_trailing", ["sdxl", "zsnr_v"]),
    ("euler_a", ["sdxl", "sdxl_linspace", "sdxl_trailing", "zsnr_v", "linear"]),
    ("dpmpp_2m", ["sdxl", "sdxl_linspace", "sdxl_trailing", "sdxl_sigma_min", "zsnr_v", "linear", "lambda_clipped"]),
    ("dpmpp_2m_karras", ["sdxl", "sdxl_sigma_min", "zsnr_v", "cosine", "linear"]),
    ("ddim", ["sdxl", "sdxl_linspace", "sdxl_trailing", "zsnr_v", "linear"]),
]
SCHEDULE_STEPS = [1, 2, 3, 4, 7, 10, 25, 30, 50, 61]


def schedules_fixture():
    import torch

    cases = []
    for sampler, variants in SCHEDULE_CASES:
        for variant in variants:
            config = variant_config(variant)
            for steps in SCHEDULE_STEPS:
                scheduler = make_scheduler(sampler, config)
                scheduler.set_timesteps(steps)
                sigmas = sigmas_of(scheduler)
                init_sigma = scheduler.init_noise_sigma
                cases.append({
                    "sampler": sampler,
                    "variant": variant,
                    "steps": steps,
                    "timesteps": b64(scheduler.timesteps.to(torch.float64).numpy()),
                    "sigmas": None if sigmas is None or sampler == "ddim" else b64(sigmas.numpy()),
                    "init_noise_sigma": float(init_sigma),
                })
    alphas = {}
    for variant in ["sdxl", "zsnr_v", "linear", "cosine"]:
        config = variant_config(variant)
        alphas[variant] = {
            "euler": b64(make_scheduler("euler", config).alphas_cumprod.numpy()),
            "ddim": b64(make_scheduler("ddim", config).alphas_cumprod.numpy()),
        }
    return {"configs": {name: variant_config(name) for name in VARIANTS}, "alphas_cumprod": alphas,
            "cases": cases}


# ----------------------------------------------------------------------------------------------
# The stand-in model: eps = x_in * float32(0.3 cos(t / 300)) + float32(0.1 sin(i)), i the flat index.


def stand_in_model(model_input, timestep):
    import torch

    scale = float(np.float32(0.3 * math.cos(float(timestep) / 300.0)))
    count = model_input.numel()
    offsets = torch.tensor(np.array([0.1 * math.sin(i) for i in range(count)]).astype(np.float32))
    return model_input * scale + offsets.reshape(model_input.shape)


def predicted_original(scheduler, output):
    x0 = getattr(output, "pred_original_sample", None)
    if x0 is None:  # DPM-Solver keeps it as the newest converted model output
        x0 = scheduler.model_outputs[-1]
    return x0


def run_steps(scheduler, latents, indices, generator, record):
    """The pipelines' denoising loop over the given step indices."""
    timesteps = scheduler.timesteps
    for i in indices:
        t = timesteps[i]
        model_input = scheduler.scale_model_input(latents, t)
        model_output = stand_in_model(model_input, t)
        output = scheduler.step(model_output, t, latents, generator=generator, return_dict=True)
        latents = output.prev_sample
        if record is not None:
            record.append((latents.clone(), predicted_original(scheduler, output).clone()))
    return latents


SAMPLING_CASES = [
    ("euler", "sdxl", 10, 42),
    ("euler", "sdxl_v", 10, 7),
    ("euler", "sdxl_karras", 10, 11),
    ("euler", "zsnr_v", 10, 42),
    ("euler_trailing", "sdxl", 4, 42),
    ("euler_trailing", "sdxl", 1, 5),
    ("euler_a", "sdxl", 10, 42),
    ("euler_a", "sdxl_v", 8, 2**32 - 1),
    ("dpmpp_2m", "sdxl", 10, 42),
    ("dpmpp_2m", "sdxl", 20, 0),
    ("dpmpp_2m", "sdxl_sigma_min", 10, 9),
    ("dpmpp_2m_karras", "sdxl", 10, 42),
    ("dpmpp_2m_karras", "sdxl_v", 20, 1),
    ("ddim", "sdxl", 10, 42),
    ("ddim", "sdxl_v", 10, 3),
]


def sampling_fixture():
    import torch

    cases = []
    for sampler, variant, steps, seed in SAMPLING_CASES:
        scheduler = make_scheduler(sampler, variant_config(variant))
        scheduler.set_timesteps(steps)
        generator = torch.Generator("cpu").manual_seed(seed)
        latents = torch.randn(LATENT_SHAPE, generator=generator, dtype=torch.float32)
        latents = latents * scheduler.init_noise_sigma
        initial = latents.clone()
        if hasattr(scheduler, "set_begin_index"):
            scheduler.set_begin_index(0)
        record = []
        run_steps(scheduler, latents, range(len(scheduler.timesteps)), generator, record)
        cases.append({
            "sampler": sampler, "variant": variant, "steps": steps, "seed": str(seed),
            "initial": b64(initial.numpy()),
            "prev_samples": [b64(prev.numpy()) for prev, _ in record],
            "predicted_originals": [b64(x0.numpy()) for _, x0 in record],
        })
    return {"shape": list(LATENT_SHAPE), "cases": cases}


# ----------------------------------------------------------------------------------------------
# Step windows: img2img strength, denoising_start / denoising_end


def window(scheduler, steps, strength=None, denoising_start=None, denoising_end=None):
    """The step indices the SDXL pipelines run, using diffusers' own get_timesteps."""
    from diffusers import StableDiffusionXLImg2ImgPipeline

    scheduler.set_timesteps(steps)
    count = len(scheduler.timesteps)
    if strength is None and denoising_start is None:
        start = 0
        if hasattr(scheduler, "set_begin_index"):
            scheduler.set_begin_index(0)
    else:
        holder = types.SimpleNamespace(scheduler=scheduler)
        valid_start = denoising_start if denoising_start is not None and 0 < denoising_start < 1 else None
        kept, _ = StableDiffusionXLImg2ImgPipeline.get_timesteps(holder, steps, strength if strength is not None
                                                                 else 1.0, "cpu", denoising_start=valid_start)
        start = count - len(kept)
    end = count
    if denoising_end is not None and 0 < denoising_end < 1:
        total = scheduler.config.num_train_timesteps
        cutoff = int(round(total - denoising_end * total))
        end = start + len([t for t in scheduler.timesteps[start:] if t >= cutoff])
    return start, end


WINDOW_STEPS = [30, 25, 4]
WINDOW_QUERIES = [
    {"strength": 0.3}, {"strength": 0.75}, {"strength": 1.0},
    {"denoising_start": 0.8}, {"denoising_start": 0.5},
    {"denoising_end": 0.8}, {"denoising_end": 0.5},
    {"denoising_start": 0.5, "denoising_end": 0.8},
    {"strength": 0.75, "denoising_end": 0.8},
]


def windows_fixture():
    import torch

    ranges = []
    for sampler in SAMPLER_OVERRIDES:
        for steps in WINDOW_STEPS:
            for query in WINDOW_QUERIES:
                scheduler = make_scheduler(sampler, SDXL_CONFIG)
                start, end = window(scheduler, steps, **query)
                ranges.append({"sampler": sampler, "steps": steps, **query, "start": start, "end": end})

    runs = []
    for sampler in SAMPLER_OVERRIDES:
        steps = 30
        # img2img: noise a clean latent to the first kept step, then denoise the rest.
        for strength in [0.3, 0.75]:
            scheduler = make_scheduler(sampler, SDXL_CONFIG)
            start, end = window(scheduler, steps, strength=strength)
            image_latents = torch.randn(LATENT_SHAPE, generator=torch.Generator("cpu").manual_seed(1234))
            generator = torch.Generator("cpu").manual_seed(42)
            noise = torch.randn(LATENT_SHAPE, generator=generator, dtype=torch.float32)
            noisy = scheduler.add_noise(image_latents, noise, scheduler.timesteps[start:start + 1])
            final = run_steps(scheduler, noisy, range(start, end), generator, None)
            runs.append({"sampler": sampler, "kind": "img2img", "steps": steps, "strength": strength,
                         "start": start, "end": end, "image": b64(image_latents.numpy()),
                         "noisy": b64(noisy.numpy()), "final": b64(final.numpy())})
        # Ensemble of experts: the base stops at denoising_end, a fresh scheduler continues.
        generator = torch.Generator("cpu").manual_seed(42)
        base = make_scheduler(sampler, SDXL_CONFIG)
        base_start, base_end = window(base, steps, denoising_end=0.8)
        latents = torch.randn(LATENT_SHAPE, generator=generator, dtype=torch.float32) * base.init_noise_sigma
        handoff = run_steps(base, latents, range(base_start, base_end), generator, None)
        refiner = make_scheduler(sampler, SDXL_CONFIG)
        refiner_start, refiner_end = window(refiner, steps, denoising_start=0.8)
        final = run_steps(refiner, handoff, range(refiner_start, refiner_end), generator, None)
        runs.append({"sampler": sampler, "kind": "split", "steps": steps, "fraction": 0.8, "seed": "42",
                     "base_end": base_end, "refiner_start": refiner_start,
                     "handoff": b64(handoff.numpy()), "final": b64(final.numpy())})
    return {"shape": list(LATENT_SHAPE), "ranges": ranges, "runs": runs}


def main():
    import torch

    torch.set_num_threads(1)
    OUT.mkdir(parents=True, exist_ok=True)
    fixtures = {
        "random.json": random_fixture(),
        "schedules.json": schedules_fixture(),
        "sampling.json": sampling_fixture(),
        "windows.json": windows_fixture(),
    }
    import diffusers

    for name, content in fixtures.items():
        content["generated_by"] = {"torch": torch.__version__, "diffusers": diffusers.__version__,
                                   "torch_cpu_capability": torch.backends.cpu.get_cpu_capability()}
        (OUT / name).write_text(json.dumps(content, indent=1, sort_keys=True) + "\n")
        print(f"wrote {OUT / name} ({(OUT / name).stat().st_size} bytes)")


if __name__ == "__main__":
    if "--random-worker" in sys.argv:
        random_worker()
    else:
        main()
