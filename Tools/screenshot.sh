#!/usr/bin/env bash
# Takes the README's screenshot: the TUI in xterm (VT340 mode, so sixel) under Xvfb, on the
# bundled demo model, after one job with the refiner as ensemble of experts has finished.
#
#   Tools/screenshot.sh [OUT.png] [PROMPT]
#
# Needs Xvfb, xterm, xwd and ImageMagick (Tools/install-deps.sh --test) and a build (release if present).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/docs/screenshot.png}"
prompt="${2:-a red circle on a blue background}"
binary="$root/.build/release/sdxl"
[[ -x "$binary" ]] || binary="$root/.build/debug/sdxl"
[[ -x "$binary" ]] || { echo "build first: swift build -c release --product sdxl" >&2; exit 2; }

display=""
for number in $(seq 60 99); do
    if [[ ! -e /tmp/.X11-unix/X$number && ! -e /tmp/.X$number-lock ]]; then display=$number; break; fi
done
[[ -n "$display" ]] || { echo "no free X display number" >&2; exit 1; }

scratch="$(mktemp -d)"
xterm=""
# xterm's default font is 6×13 pixels with a 2-pixel border: 160×48 cells fill 964×628.
Xvfb ":$display" -screen 0 964x628x24 -nolisten tcp &
xvfb=$!
trap 'kill ${xterm:-} $xvfb 2>/dev/null || true; rm -rf "$scratch"' EXIT
sleep 1

DISPLAY=":$display" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
    xterm -ti vt340 -xrm "XTerm*maxGraphicSize: 2048x2048" -geometry 160x48+0+0 \
    -e "$binary" --prompt "$prompt" --seed 1 --refiner-switch 0.8 --generate --output-dir "$scratch/outputs" &
xterm=$!

# Wait for the job's image, then for the last frame to be drawn.
for _ in $(seq 1 240); do
    compgen -G "$scratch/outputs/*-job1.png" >/dev/null && break
    sleep 0.5
done
sleep 2
mkdir -p "$(dirname "$out")"
DISPLAY=":$display" xwd -root -silent | convert xwd:- "$out"
echo "$out"
