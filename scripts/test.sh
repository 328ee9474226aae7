#!/usr/bin/env bash
# Runs all of sdplay's tests, in this order, and stops at the first stage
# that fails:
#
#   1. setup           scripts/setup.sh --browser (skips what is installed)
#   2. fetch crates    cargo fetch: the only stage that needs the registry
#   3. native tests    cargo test --workspace
#   4. core on wasm    the core's golden test built for wasm32 and run in
#                      Node: the same reports, byte for byte, as natively
#   5. bundle          trunk build --release, into dist/
#   6. browser tests   Playwright (tests/e2e) against dist/, in Chromium
#
# The last line says which stages passed, or which one failed. CI runs this
# script (.ci/run).
set -euo pipefail

here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/env.sh
source "$here/env.sh"
cd "$SDPLAY_ROOT"

stages_total=6
stage_no=0
started=$SECONDS
passed=()

# run_stage NAME COMMAND...: runs one stage; on failure, names the stage,
# prints the summary and exits with the command's exit code.
run_stage() {
  local name="$1"
  shift
  stage_no=$((stage_no + 1))
  echo
  echo "==> stage $stage_no/$stages_total: $name"
  echo "    \$ $*"
  local t0=$SECONDS rc=0
  "$@" || rc=$?
  if ((rc != 0)); then
    echo
    echo "test.sh: stage $stage_no/$stages_total '$name' FAILED (exit code $rc): $*" >&2
    echo "test.sh: FAILED at stage '$name'; ${#passed[@]} of $stages_total stages passed before it ($((SECONDS - started)) s)"
    exit "$rc"
  fi
  passed+=("$name $((SECONDS - t0))s")
}

run_stage "setup" "$here/setup.sh" --browser
run_stage "fetch crates" cargo fetch
run_stage "native tests" cargo test --workspace
run_stage "core on wasm" cargo test -p sdplay-sim --target wasm32-unknown-unknown --test golden
# --offline: Trunk fails at once, with a clear message, instead of trying to
# download a tool; it also passes --offline to cargo (hence the fetch stage).
# RUST_BACKTRACE=0: with 1, Trunk prints a long backtrace under each error.
run_stage "bundle" env RUST_BACKTRACE=0 trunk build --release --offline
run_stage "browser tests" playwright test

joined="$(printf '%s, ' "${passed[@]}")"
echo
echo "test.sh: all $stages_total stages passed in $((SECONDS - started)) s (${joined%, })"
