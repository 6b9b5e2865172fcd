#!/usr/bin/env bash
# Runs one UNet forward in sdxl and in PyTorch, back to back on the same machine and thread
# count, and prints sdxl's time divided by PyTorch's (below 1.0 means sdxl is faster).
#   Tools/compare_unet_speed.sh MODEL_DIR [WIDTH HEIGHT BATCH]
# ROUNDS=N (default 1) alternates the two N times and compares the best time of each, which
# steadies the ratio on a shared machine whose speed drifts from minute to minute.
# Needs a release build (swift build -c release) and a Python with torch and diffusers
# (PYTHON, default python3).
set -euo pipefail
model=${1:?usage: $0 MODEL_DIR [WIDTH HEIGHT BATCH]}
width=${2:-512} height=${3:-512} batch=${4:-2}
python=${PYTHON:-python3}
rounds=${ROUNDS:-1}
here=$(cd "$(dirname "$0")/.." && pwd)

best() { sort -n | head -n 1; }
our_times="" their_times=""
for round in $(seq "$rounds"); do
    echo "round $round of $rounds"
    ours=$("$here/.build/release/sdxl" bench unet --model "$model" --width "$width" --height "$height" --batch "$batch")
    echo "$ours"
    theirs=$("$python" "$here/Tools/bench_torch_unet.py" --model "$model" --width "$width" --height "$height" --batch "$batch")
    echo "$theirs"
    our_times+="$(echo "$ours" | awk 'found { print $1; exit } /^ms per forward/ { found = 1 }')"$'\n'
    their_times+="$(echo "$theirs" | awk '/^ms per forward/ { print $4 }')"$'\n'
done
our_ms=$(printf '%s' "$our_times" | best)
their_ms=$(printf '%s' "$their_times" | best)
echo "best of $rounds: sdxl $our_ms ms, PyTorch $their_ms ms"
awk -v a="$our_ms" -v b="$their_ms" 'BEGIN { printf "sdxl / PyTorch time: %.2f\n", a / b }'
