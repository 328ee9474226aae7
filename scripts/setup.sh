#!/usr/bin/env bash
# Installs what building, serving and testing sdplay needs, one step at a
# time. Every step checks the installed version first and skips when it is
# right, so a second run takes about a second.
#
#     scripts/setup.sh             Rust wasm target, Trunk, wasm-bindgen,
#                                  npm packages (Playwright, wasm-opt)
#     scripts/setup.sh --browser   the same, plus Debian's chromium and
#                                  chromium-driver for the browser tests
#
# Afterwards, `source scripts/env.sh` puts the tools on PATH in the right
# order (serve.sh and test.sh do that themselves).
set -euo pipefail

TRUNK_VERSION=0.21.14 # 0.22 needs a newer rustc than the build machine's
WASM_OPT_VERSION=132  # npm package binaryen, pinned in package.json

usage() {
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

want_browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=true ;;
    -h | --help) usage; exit 0 ;;
    *) echo "setup.sh: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$SDPLAY_ROOT"

step() { printf '==> %s ... ' "$1"; }
ok() { echo "already installed${1:+ ($1)}"; }
installing() { echo "installing${1:+ ($1)}"; }
die() { echo; echo "setup.sh: $*" >&2; exit 1; }

# Prints the first line of `CMD --version`, or nothing when CMD is missing
# or fails.
version_of() {
  command -v "$1" >/dev/null 2>&1 || return 0
  "$1" --version 2>/dev/null | head -n 1 || true
}

# --- Prerequisites that this script does not install ----------------------

step "checking cargo and rustup"
if ! command -v cargo >/dev/null || ! command -v rustup >/dev/null; then
  die "cargo and rustup are missing: install Rust with rustup (https://rustup.rs)"
fi
echo "found ($(cargo --version))"

step "checking node and npm"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  die "node and npm are missing: install Node.js 20 or newer"
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
((node_major >= 20)) ||
  die "Node.js $(node --version) is too old: Playwright needs Node.js 20 or newer"
echo "found (node $(node --version), npm $(npm --version))"

# --- Rust -------------------------------------------------------------------

step "checking rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  ok ""
else
  installing "a few seconds"
  rustup target add wasm32-unknown-unknown
fi

step "checking trunk $TRUNK_VERSION"
have="$(version_of trunk)"
if [[ "$have" == "trunk $TRUNK_VERSION" ]]; then
  ok "$(command -v trunk)"
else
  installing "${have:+replacing $have; }about 14 min on 2 cores"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate
# that Cargo.lock resolved, or Trunk tries to download it (and there is no
# internet). A missing or stale Cargo.lock is brought up to date first.
lock_wasm_bindgen() {
  [[ -f Cargo.lock ]] || return 0
  awk '
    /^\[\[package\]\]/ { in_wbg = 0 }
    /^name = "wasm-bindgen"$/ { in_wbg = 1 }
    in_wbg && /^version = / { gsub(/"/, "", $3); print $3; in_wbg = 0 }
  ' Cargo.lock
}

step "reading the wasm-bindgen version from Cargo.lock"
wbg="$(lock_wasm_bindgen)"
if [[ -z "$wbg" ]]; then
  echo "not there yet; resolving dependencies"
  if [[ -f Cargo.lock ]]; then
    cargo metadata --format-version 1 >/dev/null
  else
    cargo generate-lockfile
  fi
  wbg="$(lock_wasm_bindgen)"
  step "reading the wasm-bindgen version from Cargo.lock"
fi
[[ -n "$wbg" ]] || die "Cargo.lock has no wasm-bindgen package"
[[ "$wbg" != *$'\n'* ]] ||
  die "Cargo.lock has several wasm-bindgen versions (${wbg//$'\n'/, }); pin one with '=' in Cargo.toml"
echo "$wbg"

# Trunk.toml pins the same version so Trunk never looks elsewhere.
trunk_wbg="$(sed -n 's/^wasm_bindgen *= *"\(.*\)".*/\1/p' Trunk.toml)"
[[ "$trunk_wbg" == "$wbg" ]] ||
  die "Trunk.toml says wasm_bindgen = \"$trunk_wbg\" but Cargo.lock has $wbg; make them equal"

# The CLI brings wasm-bindgen-test-runner, which runs the core's wasm tests.
step "checking wasm-bindgen-cli $wbg"
have="$(version_of wasm-bindgen)"
runner="$(version_of wasm-bindgen-test-runner)"
if [[ "$have" == "wasm-bindgen $wbg" && "$runner" == "wasm-bindgen-test-runner $wbg" ]]; then
  ok "$(command -v wasm-bindgen)"
else
  installing "${have:+replacing $have; }about 7 min on 2 cores"
  # No --locked: the registry lacks one of the CLI's locked dependencies.
  cargo install wasm-bindgen-cli --version "=$wbg"
fi

# --- npm: Playwright and wasm-opt --------------------------------------------

# The stamp holds the checksum of the package files node_modules was
# installed from; `npm ci` runs again only when they change.
npm_stamp=node_modules/.sdplay-installed
npm_sum="$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
step "checking npm packages (@playwright/test, binaryen)"
if [[ -f "$npm_stamp" && "$(cat "$npm_stamp")" == "$npm_sum" &&
  -x node_modules/.bin/playwright && -x node_modules/.bin/wasm-opt ]]; then
  ok "node_modules matches package-lock.json"
else
  if [[ -f package-lock.json ]]; then
    installing "npm ci, a few seconds"
    npm ci --no-audit --no-fund
  else
    installing "npm install, a few seconds"
    npm install --no-audit --no-fund
    npm_sum="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
  fi
  echo "$npm_sum" >"$npm_stamp"
fi

step "checking wasm-opt on PATH is binaryen $WASM_OPT_VERSION"
have="$(version_of wasm-opt)"
[[ "$have" == "wasm-opt version $WASM_OPT_VERSION "* ]] ||
  die "wasm-opt on PATH is '$have' ($(command -v wasm-opt || echo none)); expected node_modules/.bin/wasm-opt version $WASM_OPT_VERSION"
echo "yes"

# --- Browser for the end-to-end and wasm component tests ----------------------

if $want_browser; then
  step "checking chromium and chromedriver"
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    ok "/usr/bin/chromium, /usr/bin/chromedriver"
  else
    apt_cmd="apt-get update && apt-get install -y chromium chromium-driver"
    if ! command -v apt-get >/dev/null; then
      die "no apt-get here: install Chromium at /usr/bin/chromium and its chromedriver at /usr/bin/chromedriver"
    elif ((EUID == 0)); then
      installing "about 1.5 min"
      apt-get update && apt-get install -y chromium chromium-driver
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      installing "with sudo, about 1.5 min"
      sudo sh -c "$apt_cmd"
    else
      die "chromium and chromium-driver are missing and only root can install them; as root, run: $apt_cmd"
    fi
  fi
fi

echo "==> setup done. Tools on PATH (scripts/env.sh sets this):"
echo "    export PATH=\"$SDPLAY_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:\$PATH\""
