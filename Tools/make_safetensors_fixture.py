#!/usr/bin/env python3
"""Golden files proving that the Swift SafeTensors module reads what the reference writer writes.

Writes, under Tests/SafeTensorsTests/Fixtures/:

* reference.safetensors: written by `safetensors.torch.save_file` (the Rust reference writer),
  holding F32, F16 and BF16 tensors with special values (signed zero, subnormals, the largest
  finite values, infinities, NaN), a rank-0 and an empty tensor, an I64 `position_ids` like the
  one in published CLIP text encoders, and a two-entry `__metadata__` with characters that JSON
  must escape.
* reference_expected.json: for every float tensor, its dtype, shape and the Float32 bit patterns
  PyTorch gives for `tensor.float()`; the I64 values; the metadata; and `narrowing` cases:
  Float32 inputs with the bits PyTorch produces for `.half()` and `.bfloat16()` (ties,
  overflow, underflow to subnormals and zero, NaN), for the writer's conversions.

The reference writer emits `__metadata__` in hash-map order, which changes from run to run. The
script saves until that order is sorted, so the committed file is exactly what a writer that
sorts metadata keys produces, and the Swift test can compare bytes.

Run from the repository root with the reference environment:
    /root/refenv/bin/python Tools/make_safetensors_fixture.py
"""
import json
import pathlib
import struct

import safetensors
import torch
from safetensors.torch import save_file

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "SafeTensorsTests" / "Fixtures"

INF = float("inf")
NAN = float("nan")


def float32_bits(tensor):
    return [int(b) & 0xFFFFFFFF for b in tensor.float().contiguous().view(torch.int32).flatten().tolist()]


def tensors():
    f32 = torch.tensor([[0.0, -0.0, 1.0, -2.5],
                        [3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38, INF],
                        [-INF, NAN, 0.1, -1234.5678]], dtype=torch.float32)
    # Half: 2^-24 (smallest subnormal), 2^-14 (smallest normal), 65504 (largest finite), values
    # that round when stored, and every special value; 19 values, so the vector loop also has a tail.
    f16 = torch.tensor([0.0, -0.0, 5.960464477539063e-08, -6.103515625e-05, 65504.0, -65504.0, INF, -INF, NAN,
                        1.0 / 3.0, 0.1, -2.0, 1.5, 1024.0, 3.0e-06, 0.5, 7.0, -0.125, 100.0],
                       dtype=torch.float32).to(torch.float16)
    # 34 bfloat16 values (two vector blocks plus a tail) including the extremes of the format.
    bf16_values = [0.0, -0.0, 9.183549615799121e-41, -1.1754943508222875e-38, 3.3895313892515355e38, INF, -INF, NAN,
                   1.0 / 3.0, 0.1, -7.25, 65536.0]
    bf16_values += [(-1.0) ** i * (i + 0.5) * 2.0 ** (i - 11) for i in range(22)]
    bf16 = torch.tensor(bf16_values, dtype=torch.float32).to(torch.bfloat16).reshape(2, 17)
    return {
        "unet.conv_in.weight": f32,
        "unet.conv_in.bias": f16,
        "vae.decoder.norm.weight": bf16,
        "text_model.embeddings.position_ids": torch.arange(8, dtype=torch.int64).reshape(1, 8),
        "scale": torch.tensor(0.13025, dtype=torch.float32),
        "empty": torch.zeros(0, 3, dtype=torch.float16),
    }


METADATA = {"format": "pt", "note": "quote \" backslash \\ newline \n tab \t unit \u0001 caf\u00e9 \u2603 \U0001F600"}


def narrowing_cases():
    inputs = [0.0, -0.0, 1.0, 1.0 + 2.0 ** -11, 1.0 + 3 * 2.0 ** -11, 1.0 + 2.0 ** -8, 1.0 + 3 * 2.0 ** -8,
              65504.0, 65519.99, 65520.0, 1.0e6, -1.0e6, 2.0 ** -24, 2.0 ** -25, 2.0 ** -25 * 1.5, 1.0e-30,
              3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45, INF, -INF, NAN, -NAN,
              0.1, -0.1, 1.0 / 3.0, 123456.789, -5.5e-5, 6.097555160522461e-05]
    x = torch.tensor(inputs, dtype=torch.float32)
    return {
        "float32": float32_bits(x),
        "float16": [int(b) & 0xFFFF for b in x.half().view(torch.int16).tolist()],
        "bfloat16": [int(b) & 0xFFFF for b in x.bfloat16().view(torch.int16).tolist()],
    }


def metadata_is_sorted(path):
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    return list(header["__metadata__"].keys()) == sorted(METADATA)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "reference.safetensors"
    data = tensors()
    for _ in range(100):
        save_file(data, str(path), metadata=METADATA)
        if metadata_is_sorted(path):
            break
    else:
        raise SystemExit("the reference writer never wrote the metadata keys in sorted order")

    expected = {"safetensors_version": safetensors.__version__, "torch_version": torch.__version__,
                "metadata": METADATA, "tensors": {}, "narrowing": narrowing_cases()}
    for name, tensor in data.items():
        entry = {"dtype": str(tensor.dtype).removeprefix("torch."), "shape": list(tensor.shape)}
        if tensor.dtype == torch.int64:
            entry["int64"] = tensor.flatten().tolist()
        else:
            entry["float32_bits"] = float32_bits(tensor)
        expected["tensors"][name] = entry
    (OUT / "reference_expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
    print(f"wrote {path} ({path.stat().st_size} bytes) and reference_expected.json")


if __name__ == "__main__":
    main()
