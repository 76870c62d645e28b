#!/usr/bin/env bash
# README's first command: installs what is missing, builds the app in release
# mode and serves dist/ on http://127.0.0.1:8080 (PORT=... to change) until Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

PORT="${PORT:-8080}"

bash scripts/setup.sh
echo "[serve] trunk build --release"
trunk build --release
echo
echo "[serve] Relais is served at http://127.0.0.1:${PORT}/  (Ctrl-C stops)"
echo
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
