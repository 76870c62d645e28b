# shellcheck shell=bash
# Sourced by the other scripts (and usable by hand: `source scripts/env.sh`).
# Puts the project's tools first on PATH and keeps Trunk from using the network.

RELAIS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export RELAIS_ROOT

# cargo and rustup need HOME; a bare CI environment might lack it.
if [ -z "${HOME:-}" ]; then
  HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"
  export HOME
fi

_relais_cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
# node_modules/.bin first (wasm-opt from npm binaryen@132), then cargo's bin
# (trunk, wasm-bindgen, wasm-bindgen-test-runner). Prepended once only.
case ":$PATH:" in
  *":$RELAIS_ROOT/node_modules/.bin:$_relais_cargo_bin:"*) ;;
  *) export PATH="$RELAIS_ROOT/node_modules/.bin:$_relais_cargo_bin:$PATH" ;;
esac
unset _relais_cargo_bin

# Trunk must never go to the network: no update check, no tool downloads
# (it uses the wasm-bindgen / wasm-opt on PATH or fails), cargo runs --offline
# (scripts/setup.sh runs `cargo fetch` beforehand).
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_OFFLINE=true

# The wasm-bindgen version comes from Cargo.lock (one source of truth); it
# overrides Trunk.toml's [tools] wasm_bindgen should the two ever differ.
relais_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$RELAIS_ROOT/Cargo.lock" 2>/dev/null
}
if [ -f "$RELAIS_ROOT/Cargo.lock" ]; then
  _relais_wb="$(relais_wasm_bindgen_version)"
  if [ -n "$_relais_wb" ]; then
    export TRUNK_TOOLS_WASM_BINDGEN="$_relais_wb"
  fi
  unset _relais_wb
fi
export TRUNK_TOOLS_WASM_OPT=version_132
