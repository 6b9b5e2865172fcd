#!/usr/bin/env bash
# Builds one libFuzzer target from Fuzz/<target>.swift and runs it for a number of seconds.
#
#   Tools/fuzz.sh TARGET SECONDS        TARGET: safetensors_header | png_metadata | toml_subset | prompt_tokenizer
#
# Each target's entry file is compiled into the module it exercises (so it can reach internal parsers),
# with -sanitize=fuzzer,address; the modules that module imports are built first as static libraries with
# the same instrumentation. Seeds come from Fuzz/corpus/<target>/ (read only); new inputs found while
# fuzzing go to $FUZZ_BUILD_DIR/<target>/corpus; crashing inputs go to Fuzz/crashers/<target>/.
# FUZZ_BUILD_DIR defaults to .build/fuzz. Needs Linux, swiftc with libFuzzer, libopenblas-dev, libpng-dev.
set -euo pipefail

target="${1:-}"
seconds="${2:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/.build/fuzz}"
src="$root/Sources"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6)

usage() { echo "usage: $0 safetensors_header|png_metadata|toml_subset|prompt_tokenizer SECONDS" >&2; exit 2; }
[[ -n "$target" && -f "$root/Fuzz/$target.swift" ]] || usage
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

out="$build/$target"
mkdir -p "$out/corpus" "$root/Fuzz/crashers/$target"
cd "$root"

# Builds module $1 from the remaining arguments (sources and flags) as a static library in $out.
build_library() {
    local name="$1"; shift
    swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/$name.swiftmodule" \
        -emit-library -static -o "$out/lib$name.a" -I "$out" "$@"
}

blas=(-I "$src/CBLAS" -Xcc -I/usr/include/x86_64-linux-gnu/openblas-pthread
      -L/usr/lib/x86_64-linux-gnu/openblas-pthread -lopenblas)
png=(-I "$src/CPNG" -Xcc -I/usr/include/libpng16 -lpng16)
entry="Fuzz/$target.swift"

case "$target" in
safetensors_header)
    build_library Tensors "${blas[@]}" $(find "$src/Tensors" -name '*.swift' | sort)
    swiftc "${flags[@]}" -module-name SafeTensors -I "$out" -L "$out" -lTensors "${blas[@]}" \
        "$entry" "$src"/SafeTensors/*.swift -o "$out/fuzzer"
    ;;
png_metadata)
    swiftc "${flags[@]}" -module-name Imaging "${png[@]}" "$entry" "$src"/Imaging/*.swift -o "$out/fuzzer"
    ;;
toml_subset)
    # The TOML reader needs only its own folder and the module's error type (not ncurses or libsixel).
    swiftc "${flags[@]}" -module-name TerminalUI "$entry" "$src"/TerminalUI/TOML/*.swift \
        "$src/TerminalUI/TerminalUIError.swift" -o "$out/fuzzer"
    ;;
prompt_tokenizer)
    swiftc "${flags[@]}" -module-name CLIPTokenizer "$entry" "$src"/CLIPTokenizer/*.swift -o "$out/fuzzer"
    # The bundled vocabulary is looked up in a `*_CLIPTokenizer.resources` folder next to the executable.
    mkdir -p "$out/fuzz_CLIPTokenizer.resources"
    cp "$src/CLIPTokenizer/Resources/merges.txt" "$out/fuzz_CLIPTokenizer.resources/merges.txt"
    ;;
*) usage ;;
esac

"$out/fuzzer" "$out/corpus" "Fuzz/corpus/$target" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -artifact_prefix="Fuzz/crashers/$target/" -print_final_stats=1
