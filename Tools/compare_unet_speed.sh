#!/usr/bin/env bash
# Runs one UNet forward in sdxl and in PyTorch, back to back on the same machine and thread
# count, and prints sdxl's time divided by PyTorch's (below 1.0 means sdxl is faster).
#   Tools/compare_unet_speed.sh MODEL_DIR [WIDTH HEIGHT BATCH]
# Needs a release build (swift build -c release) and a Python with torch and diffusers
# (PYTHON, default python3).
set -euo pipefail
model=${1:?usage: $0 MODEL_DIR [WIDTH HEIGHT BATCH]}
width=${2:-512} height=${3:-512} batch=${4:-2}
python=${PYTHON:-python3}
here=$(cd "$(dirname "$0")/.." && pwd)

ours=$("$here/.build/release/sdxl" bench unet --model "$model" --width "$width" --height "$height" --batch "$batch")
echo "$ours"
theirs=$("$python" "$here/Tools/bench_torch_unet.py" --model "$model" --width "$width" --height "$height" --batch "$batch")
echo "$theirs"
our_ms=$(echo "$ours" | awk 'found { print $1; exit } /^ms per forward/ { found = 1 }')
their_ms=$(echo "$theirs" | awk '/^ms per forward/ { print $4 }')
awk -v a="$our_ms" -v b="$their_ms" 'BEGIN { printf "sdxl / PyTorch time: %.2f\n", a / b }'
