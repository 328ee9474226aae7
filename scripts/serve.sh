#!/usr/bin/env bash
# Builds the playground and serves it at http://127.0.0.1:8080, rebuilding
# and reloading the page when crates/, web/, public/ or Cargo.toml change.
# Extra arguments go to `trunk serve` (e.g. --open).
set -euo pipefail

here="$(dirname "${BASH_SOURCE[0]}")"
"$here/setup.sh"
# shellcheck source=scripts/env.sh
source "$here/env.sh"
cd "$SDPLAY_ROOT"

echo "==> serving at http://127.0.0.1:8080 (first build takes a few minutes)"
# RUST_BACKTRACE=1 (set on the build machine) makes Trunk print a long
# backtrace under every error; the error itself is what matters here.
RUST_BACKTRACE=0 exec trunk serve --release --address 127.0.0.1 --port 8080 "$@"
