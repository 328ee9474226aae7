#!/usr/bin/env bash
# Benchmarks the simulation engine natively and in wasm (under Node) and
# prints a table for each: simulated events and user requests per wall
# second on the default design and on the reference chain, beside a bare
# heap-ordered event loop at the same pending count.
#
#     scripts/bench.sh [--quick | --scale X] [--no-wasm-opt]
#
#   --scale X      timed spans X times the standard ones (1: about 20 s of
#                  runs per table); --quick is --scale 0.2
#   --no-wasm-opt  measure the wasm as wasm-bindgen leaves it
#
# Native: the `release` profile. Wasm: the `wasm-release` profile (what the
# page ships: lto, one codegen unit, panic = abort), wasm-bindgen --target
# nodejs, then wasm-opt -O3 (binaryen 132 from node_modules), as
# `trunk build --release` does. Not part of scripts/test.sh or .ci/run:
# timings depend on the machine and on what else runs on it.
set -euo pipefail

here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/env.sh
source "$here/env.sh"
cd "$SDPLAY_ROOT"

scale=1
wasm_opt=true
while (($#)); do
  case "$1" in
    --quick) scale=0.2 ;;
    --scale)
      [[ $# -ge 2 ]] || { echo "bench.sh: --scale needs a value" >&2; exit 2; }
      scale="$2"
      shift
      ;;
    --no-wasm-opt) wasm_opt=false ;;
    -h | --help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done

echo "==> set-up (skips what is installed)" >&2
"$here/setup.sh" >&2

echo "==> building natively (release profile)" >&2
cargo build --release -p sdplay-bench >&2

echo "==> building for wasm32 (wasm-release profile)" >&2
cargo build -p sdplay-bench --lib --target wasm32-unknown-unknown --profile wasm-release >&2
pkg=target/bench-wasm/pkg
rm -rf "$pkg"
wasm-bindgen --target nodejs --out-dir "$pkg" \
  target/wasm32-unknown-unknown/wasm-release/sdplay_bench.wasm
wasm_label="wasm, wasm-release profile, no wasm-opt"
if $wasm_opt; then
  echo "==> wasm-opt -O3 ($(wasm-opt --version))" >&2
  wasm-opt -O3 "$pkg/sdplay_bench_bg.wasm" -o "$pkg/sdplay_bench_bg.wasm"
  wasm_label="wasm, wasm-release profile + wasm-opt -O3"
fi

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo
echo "sdplay-bench $(date -u +%Y-%m-%d), $(nproc) cores ($cpu), load average before: $(cut -d' ' -f1-3 /proc/loadavg), scale $scale"
echo
echo "==> native run" >&2
target/release/sdplay-bench --scale "$scale" --label "native, release profile"
echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "==> wasm run" >&2
node scripts/bench-wasm.cjs "$pkg" --scale "$scale" --label "$wasm_label"
echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
