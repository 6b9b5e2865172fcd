#!/usr/bin/env bash
# Installs the Debian packages that sdxl builds and tests against, when they are missing.
# Usage: Tools/install-deps.sh [--test]   (--test adds what the end-to-end tests drive: tmux, xterm, Xvfb…)
set -euo pipefail

packages=(pkg-config libopenblas-dev libncursesw5-dev libsixel-dev libpng-dev)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(tmux xterm xvfb x11-apps imagemagick mandoc procps)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
