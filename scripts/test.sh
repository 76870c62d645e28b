#!/usr/bin/env bash
# README's second command: runs every test of Relais, stops at the first failure.
# Steps: setup, rustfmt, clippy (native and wasm32), native tests (core + cli),
# benchmarks compile, wasm-bindgen tests in headless Chromium, trunk release
# build, end-to-end tests in Chromium against dist/. See docs/dev-setup.md.
# The last line is always "N passed, N failed[, N skipped]", counting steps.
#
# Usage: bash scripts/test.sh            every step
#        bash scripts/test.sh LEVEL...   setup, then only these levels, in the usual order:
#          fmt clippy test bench wasm build e2e
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

LEVELS=(fmt clippy test bench wasm build e2e)
for arg in "$@"; do
  case " ${LEVELS[*]} " in
    *" $arg "*) ;;
    *) echo "unknown level '$arg'; levels: ${LEVELS[*]}" >&2; exit 2 ;;
  esac
done
# want LEVEL: true when no level was named or LEVEL was.
want() {
  [ $# -gt 0 ] || return 1
  local level=$1
  shift
  [ ${#SELECTED[@]} -eq 0 ] && return 0
  case " ${SELECTED[*]} " in *" $level "*) return 0 ;; esac
  return 1
}
SELECTED=("$@")

TOTAL=1
want fmt && TOTAL=$((TOTAL + 1))
want clippy && TOTAL=$((TOTAL + 2))
for level in test bench wasm build e2e; do
  if want "$level"; then TOTAL=$((TOTAL + 1)); fi
done
n=0
passed=0
failed=0
skipped=0
report=()
all_start=$SECONDS

summary() {
  printf '\n==== summary (%d s) ====\n' "$((SECONDS - all_start))"
  local line
  for line in "${report[@]}"; do printf '  %s\n' "$line"; done
  if [ "$skipped" -gt 0 ]; then
    printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
  else
    printf '%d passed, %d failed\n' "$passed" "$failed"
  fi
}

heading() {
  printf '\n==== [%d/%d] %s ====\n' "$n" "$TOTAL" "$1"
}

# step NAME COMMAND...: runs one step; on failure prints the summary and exits.
step() {
  local name=$1 t0 rc
  shift
  n=$((n + 1))
  heading "$name"
  printf '$ %s\n' "$*"
  t0=$SECONDS
  set +e
  ( set -e; "$@" ) </dev/null
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    report+=("$(printf 'ok    %4d s  %s' "$((SECONDS - t0))" "$name")")
  else
    failed=$((failed + 1))
    report+=("$(printf 'FAIL  %4d s  %s (exit %d)' "$((SECONDS - t0))" "$name" "$rc")")
    printf '\n**** step "%s" failed (exit %d); stopping here ****\n' "$name" "$rc"
    summary
    exit "$rc"
  fi
}

# skip NAME REASON: counts a step as skipped, visibly.
skip() {
  n=$((n + 1))
  heading "$1"
  printf 'SKIPPED: %s\n' "$2"
  skipped=$((skipped + 1))
  report+=("$(printf 'skip  %4s    %s (%s)' '-' "$1" "$2")")
}

# The WebDriver requests of wasm-bindgen-test-runner must not go through a proxy.
without_proxy() {
  env -u http_proxy -u HTTP_PROXY -u https_proxy -u HTTPS_PROXY \
      -u all_proxy -u ALL_PROXY -u no_proxy -u NO_PROXY "$@"
}

# The served app (dist/), then the single file for USB sticks (dist/relais.html).
build_app() {
  trunk build --release
  node scripts/build-single-file.mjs
}

e2e_tests() {
  local files=(tests/e2e/*.test.mjs)
  if [ ! -e "${files[0]}" ]; then
    echo "no tests/e2e/*.test.mjs found" >&2
    return 1
  fi
  # Same as `node --test tests/e2e/` on Node 20; file names also work on Node 22+.
  node --test "${files[@]}"
}

step "setup (install what is missing)" bash scripts/setup.sh
if want fmt; then
  step "rustfmt" cargo fmt --all -- --check
fi
if want clippy; then
  step "clippy, native (core, cli)" cargo clippy --workspace --exclude relais-app --all-targets -- -D warnings
  step "clippy, wasm32 (app)" cargo clippy -p relais-app --target wasm32-unknown-unknown --all-targets -- -D warnings
fi
if want test; then
  step "native tests (core, cli)" cargo test --workspace --exclude relais-app
fi
if want bench; then
  step "benchmarks compile" cargo bench -p relais-core --no-run
fi
if want wasm; then
  if [ -f tests/web.rs ]; then
    step "wasm-bindgen tests in headless Chromium" without_proxy \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
      CHROMEDRIVER=/usr/bin/chromedriver \
      WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
      cargo test -p relais-app --target wasm32-unknown-unknown
  else
    skip "wasm-bindgen tests in headless Chromium" "tests/web.rs does not exist"
  fi
fi
if want build; then
  step "trunk build --release, then dist/relais.html" build_app
fi
if want e2e; then
  step "end-to-end tests (Chromium, dist/)" e2e_tests
fi

summary
