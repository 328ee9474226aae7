# shellcheck shell=bash
# Environment shared by the sdplay scripts. Source it, don't run it:
#
#     source scripts/env.sh
#
# It puts the tools scripts/setup.sh installs first on PATH and sets the
# variables that keep every tool off the internet.

SDPLAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SDPLAY_ROOT

# node_modules/.bin comes first: its wasm-opt (npm binaryen 132) must win
# over Debian's binaryen 108, whose output fails in Chromium. Then cargo's
# bin folder for trunk and wasm-bindgen.
# (Sourcing again does not grow PATH while they are already in front.)
sdplay_path="$SDPLAY_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin"
case "$PATH:" in
  "$sdplay_path:"*) ;;
  *) export PATH="$sdplay_path:$PATH" ;;
esac
unset sdplay_path

# Playwright drives Debian's /usr/bin/chromium; never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Trunk would otherwise ask GitHub whether a newer Trunk exists.
export TRUNK_SKIP_VERSION_CHECK=true
