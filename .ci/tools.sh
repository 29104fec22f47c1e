# Installs what building and testing need, each only when missing, so the same scripts work on
# a fresh machine and cost nothing on a prepared one. Sourced by .ci/serve and .ci/test.
set -euo pipefail

TRUNK_VERSION=0.21.14
# wasm-opt from npm's binaryen (a wasm build of it, installed in seconds); Trunk.toml pins the
# same version, so Debian's binaryen 108, which breaks the page, is never taken instead.
BINARYEN_VERSION=132.0.0
BINARYEN_DIR="$HOME/.cache/spacecraft-explorer/binaryen-$BINARYEN_VERSION"
# esbuild from npm minifies the wasm-bindgen glue in release builds (.ci/trunk-post-build.mjs).
ESBUILD_VERSION=0.28.2
ESBUILD_DIR="$HOME/.cache/spacecraft-explorer/esbuild-$ESBUILD_VERSION"
# wasm-split-cli cuts the release wasm into chunks (.ci/split-wasm.mjs); 0.2.3+ reads the
# imports of wasm-bindgen 0.2.128 and later.
WASM_SPLIT_VERSION=0.2.4
export PATH="$BINARYEN_DIR/node_modules/.bin:$ESBUILD_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"

log() { printf '\n== %s\n' "$*" >&2; }

# The wasm-bindgen CLI must match the crate version in Cargo.lock exactly, or Trunk tries to
# download one (and fails offline).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown ||
    { log "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    log "installing trunk $TRUNK_VERSION (several minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want
  want=$(wasm_bindgen_version)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    log "installing wasm-bindgen-cli $want (a few minutes, once)"
    # Not --locked: its lockfile pins a crate version the registry here lacks.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing Chromium and chromedriver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
}

# Debian's nginx serves the build in tests/e2e/deploy-nginx.test.mjs as tests/deploy/nginx.conf
# tells a deployer to, with the module that sends the build's precompressed .br files.
ensure_nginx() {
  if ! command -v nginx >/dev/null || [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    log "installing nginx (light) and its brotli_static module"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static >/dev/null
  fi
}

ensure_node() {
  if ! command -v node >/dev/null; then
    log "installing Node.js"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null
  fi
  # Debian packages npm apart from Node.js; the e2e dependencies and wasm-opt come through it.
  if ! command -v npm >/dev/null; then
    log "installing npm"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  fi
}

ensure_wasm_opt() {
  if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*} "; then
    log "installing wasm-opt (npm binaryen $BINARYEN_VERSION)"
    mkdir -p "$BINARYEN_DIR"
    npm install --prefix "$BINARYEN_DIR" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
  fi
}

ensure_esbuild() {
  if ! esbuild --version 2>/dev/null | grep -qx "$ESBUILD_VERSION"; then
    log "installing esbuild $ESBUILD_VERSION (npm)"
    mkdir -p "$ESBUILD_DIR"
    npm install --prefix "$ESBUILD_DIR" --no-audit --no-fund --loglevel=error "esbuild@$ESBUILD_VERSION"
  fi
}

ensure_wasm_split() {
  # The binary prints no version; cargo's list of installed crates has it.
  if ! command -v wasm-split-cli >/dev/null ||
    ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    log "installing wasm-split-cli $WASM_SPLIT_VERSION (several minutes, once)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
  fi
}

# Node.js runs Trunk's post-build hook (CSP hash), the LL2 stand-in and the end-to-end tests.
ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_split
  ensure_node
  ensure_wasm_opt
  ensure_esbuild
}
