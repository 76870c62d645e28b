#!/usr/bin/env bash
# Installs whatever is missing to build and test Relais, and skips whatever is
# already there at the right version. Safe to run again and again; non-interactive.
# See docs/dev-setup.md.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

TRUNK_VERSION=0.21.14
WASM_OPT_VERSION=132

setup_start=$SECONDS
say() { printf '[setup] %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }
# First line of `TOOL --version`, or nothing when the tool is missing or broken.
version_of() { "$@" --version 2>/dev/null | head -n 1 || true; }

# --- what this script cannot install -------------------------------------------------
for tool in rustup cargo node npm; do
  have "$tool" || die "'$tool' is not on PATH: install it first (rustup for Rust, Node.js 20+ with npm)."
done

# --- Rust components and the wasm32 target -----------------------------------------------
missing_components=()
cargo fmt --version >/dev/null 2>&1 || missing_components+=(rustfmt)
cargo clippy --version >/dev/null 2>&1 || missing_components+=(clippy)
if [ ${#missing_components[@]} -gt 0 ]; then
  say "installing rustup components: ${missing_components[*]}"
  rustup component add "${missing_components[@]}"
else
  say "ok: rustfmt and clippy"
fi

# (captured first: `grep -q` closing the pipe early would fail the pipeline under pipefail)
installed_targets="$(rustup target list --installed)"
if grep -qx wasm32-unknown-unknown <<<"$installed_targets"; then
  say "ok: rust target wasm32-unknown-unknown"
else
  say "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# --- Trunk ---------------------------------------------------------------------------------
if [ "$(version_of trunk)" = "trunk $TRUNK_VERSION" ]; then
  say "ok: trunk $TRUNK_VERSION"
else
  say "installing trunk $TRUNK_VERSION with cargo (about 7 minutes on 2 cores; found: '$(version_of trunk)')"
  t0=$SECONDS
  cargo install --locked --force trunk --version "$TRUNK_VERSION"
  say "trunk installed in $((SECONDS - t0)) s"
  [ "$(version_of trunk)" = "trunk $TRUNK_VERSION" ] || die "trunk on PATH is '$(version_of trunk)' after installing $TRUNK_VERSION"
fi

# --- wasm-bindgen-cli, exactly the wasm-bindgen of Cargo.lock -------------------------------
if [ ! -f Cargo.lock ]; then
  say "no Cargo.lock: generating it"
  cargo generate-lockfile
fi
WB_VERSION="$(relais_wasm_bindgen_version)"
[ -n "$WB_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
export TRUNK_TOOLS_WASM_BINDGEN="$WB_VERSION"
if [ "$(version_of wasm-bindgen)" = "wasm-bindgen $WB_VERSION" ] &&
   [ "$(version_of wasm-bindgen-test-runner)" = "wasm-bindgen-test-runner $WB_VERSION" ]; then
  say "ok: wasm-bindgen-cli $WB_VERSION"
else
  say "installing wasm-bindgen-cli $WB_VERSION with cargo (about 2.5 minutes; found: '$(version_of wasm-bindgen)')"
  t0=$SECONDS
  # No --locked: the lock file shipped in wasm-bindgen-cli names a crate version
  # that the registry does not serve.
  cargo install --force wasm-bindgen-cli --version "$WB_VERSION"
  say "wasm-bindgen-cli installed in $((SECONDS - t0)) s"
  [ "$(version_of wasm-bindgen)" = "wasm-bindgen $WB_VERSION" ] || die "wasm-bindgen on PATH is '$(version_of wasm-bindgen)' after installing $WB_VERSION"
fi

# --- Chromium and ChromeDriver, xmllint (Debian packages) ----------------------------------
# libxml2-utils: xmllint validates the LHEO export against the XSD (crates/cli/tests/lheo_xsd.rs).
apt_packages=(chromium chromium-driver libxml2-utils)
apt_missing=()
for pkg in "${apt_packages[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]; then
    apt_missing+=("$pkg")
  fi
done
if [ ${#apt_missing[@]} -eq 0 ] && [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/xmllint ]; then
  say "ok: chromium and chromium-driver ($(dpkg-query -W -f='${Version}' chromium)), xmllint"
else
  have apt-get || die "${apt_packages[*]} are needed and apt-get is missing (this setup expects Debian 12)"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    have sudo || die "not root and no sudo: cannot apt-get install ${apt_packages[*]}"
    SUDO=(sudo -n)
  fi
  say "installing Debian packages ${apt_packages[*]} (about 25 s)"
  t0=$SECONDS
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" apt-get install -y "${apt_packages[@]}" </dev/null
  say "${apt_packages[*]} installed in $((SECONDS - t0)) s"
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/xmllint ]; then
    die "/usr/bin/chromium, /usr/bin/chromedriver or /usr/bin/xmllint missing after apt-get install"
  fi
fi

# --- npm devDependencies: binaryen (wasm-opt), playwright-core, axe-core -------------------
# Up to date when every package of package-lock.json is in node_modules at its locked version.
npm_up_to_date() {
  [ -f package-lock.json ] && [ -d node_modules ] || return 1
  node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const wanted = Object.assign({}, pkg.dependencies, pkg.devDependencies);
    for (const name of Object.keys(wanted)) {
      if (!lock.packages || !lock.packages["node_modules/" + name]) process.exit(1);
    }
    for (const [key, entry] of Object.entries(lock.packages || {})) {
      if (!key.startsWith("node_modules/")) continue;
      let got;
      try { got = JSON.parse(fs.readFileSync(key + "/package.json", "utf8")).version; }
      catch { process.exit(1); }
      if (got !== entry.version) process.exit(1);
    }
  ' 2>/dev/null
}
if npm_up_to_date; then
  say "ok: node_modules matches package-lock.json"
else
  t0=$SECONDS
  if [ -f package-lock.json ]; then
    say "installing npm devDependencies: npm ci"
    npm ci --no-audit --no-fund
  else
    say "installing npm devDependencies: npm install (no package-lock.json)"
    npm install --no-audit --no-fund
  fi
  say "npm packages installed in $((SECONDS - t0)) s"
fi
case "$(version_of wasm-opt)" in
  *"version_$WASM_OPT_VERSION"*) say "ok: wasm-opt version $WASM_OPT_VERSION (node_modules/.bin)" ;;
  *) die "wasm-opt on PATH is '$(version_of wasm-opt)', want version $WASM_OPT_VERSION from npm binaryen" ;;
esac

# --- Rust crates, for every target (Trunk builds with cargo --offline) ----------------------
say "cargo fetch"
cargo fetch

say "done in $((SECONDS - setup_start)) s"
