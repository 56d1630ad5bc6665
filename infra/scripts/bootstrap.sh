# Sourced by ./tickerwire and .ci/run: makes Node >= 22 (Node 24 when the machine's is older),
# pnpm and the workspace's dependencies available, installing what is missing. Idempotent and
# quick when everything is already there. Tools go to a cache outside the repo.
# shellcheck shell=bash

# The same cache folder the project uses for FerretDB (local-servers defaultCacheDir).
TICKERWIRE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tickerwire"
TICKERWIRE_NODE_VERSION=24
TICKERWIRE_PNPM_VERSION=12.21.0

# A Node fetched from the registry does not read the machine's npmrc (its cafile) nor the
# system trust store; where the machine has a CA bundle, make Node and npm trust it too.
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi

tw_say() { printf 'tickerwire: %s\n' "$*" >&2; }

tw_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

tw_ensure_node() {
  if [ "$(tw_node_major)" -ge 22 ]; then return 0; fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) tw_say "no Node ${TICKERWIRE_NODE_VERSION} package for $(uname -m): install Node >= 22 yourself"; return 1 ;;
  esac
  local prefix="$TICKERWIRE_CACHE/node${TICKERWIRE_NODE_VERSION}"
  local bin="$prefix/node_modules/node-linux-${arch}/bin"
  if [ ! -x "$bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      tw_say "Node >= 22 is needed and npm is missing to fetch it: install Node 24 (https://nodejs.org)"; return 1
    fi
    tw_say "machine node is $(node -v 2>/dev/null || echo missing): installing Node ${TICKERWIRE_NODE_VERSION} from the npm registry into $prefix"
    mkdir -p "$prefix"
    npm install --silent --no-save --no-audit --no-fund --prefix "$prefix" "node-linux-${arch}@${TICKERWIRE_NODE_VERSION}" >&2 || return 1
  fi
  export PATH="$bin:$PATH"
  hash -r
}

tw_ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm -v 2>/dev/null | cut -d. -f1)" -ge 10 ] 2>/dev/null; then return 0; fi
  local prefix="$TICKERWIRE_CACHE/pnpm-${TICKERWIRE_PNPM_VERSION}"
  if [ ! -x "$prefix/node_modules/.bin/pnpm" ]; then
    tw_say "installing pnpm ${TICKERWIRE_PNPM_VERSION} into $prefix"
    mkdir -p "$prefix"
    # corepack fails on this kind of machine (old signing keys); npm works.
    npm install --silent --no-save --no-audit --no-fund --prefix "$prefix" "pnpm@${TICKERWIRE_PNPM_VERSION}" >&2 || return 1
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
  hash -r
}

# Installs dependencies when the lockfile changed since the last install in this checkout.
tw_ensure_dependencies() {
  local root="$1" stamp="$1/node_modules/.tickerwire-lock"
  local want
  want="$(cat "$root/pnpm-lock.yaml" "$root/pnpm-workspace.yaml" | cksum)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  tw_say "installing dependencies (pnpm install --frozen-lockfile)"
  (cd "$root" && pnpm install --frozen-lockfile --reporter=append-only >&2) || return 1
  printf '%s' "$want" >"$stamp"
}

# Builds the research page the API serves at / (packages/web → packages/web/dist) when the
# built files are missing or older than any of its sources.
tw_ensure_web() {
  local root="$1" web="$1/packages/web"
  local built="$web/dist/index.html"
  [ -d "$web" ] || return 0
  if [ -f "$built" ] && [ -z "$(find "$web/src" "$web/index.html" "$web/vite.config.ts" "$web/package.json" "$root/pnpm-lock.yaml" -newer "$built" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  tw_say "building the research page (packages/web, Vite)"
  (cd "$web" && pnpm --silent exec vite build --logLevel warn >&2) || return 1
}

tw_bootstrap() {
  local root="$1"
  tw_ensure_node && tw_ensure_pnpm && tw_ensure_dependencies "$root" && tw_ensure_web "$root"
}
