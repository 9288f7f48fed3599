#!/usr/bin/env bash
# The main job: install what is missing, build in Release and serve the bundled Beijing dataset
# on http://127.0.0.1:8080/ (flags are passed to `stationfinder serve`, e.g. --port 9090).
#
# --public [--port P]: for exposure beyond this machine's own clients. stationfinder listens
# on a private 127.0.0.1 port and nginx (deploy/nginx-public.conf) in front of it on
# 127.0.0.1:P (default 8080) holds slow and idle clients, buffers bodies and caps them.
# Binding other addresses stays an explicit choice: --listen ADDR:PORT. Ctrl-C or SIGTERM
# stops both. Other flags go to `stationfinder serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
public=""
listen=""
port="8080"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --public) public=1 ;;
    --listen) listen="$2"; shift ;;
    --port) port="$2"; args+=(--port "$2"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
# The demo page's map library (MapLibre GL JS) comes from npm, pinned by api/web's lock file.
web_packages() {
  command -v node >/dev/null && command -v npm >/dev/null || scripts/install-deps.sh nodejs npm
  [ -f api/web/node_modules/maplibre-gl/dist/maplibre-gl.js ] ||
    npm ci --prefix api/web --no-audit --no-fund --loglevel=error
}
if [ -z "$public" ]; then
  scripts/install-deps.sh
  web_packages
  scripts/build.sh release stationfinder
  exec build/release/stationfinder serve "${args[@]}"
fi

scripts/install-deps.sh nginx-light
web_packages
scripts/build.sh release stationfinder
# The server's own flags without --port: it takes a free private port.
server_args=()
skip=""
for a in "${args[@]}"; do
  if [ -n "$skip" ]; then skip=""; continue; fi
  if [ "$a" = "--port" ]; then skip=1; continue; fi
  server_args+=("$a")
done
exec scripts/public_front.sh build/release/stationfinder --listen "${listen:-127.0.0.1:$port}" \
  "${server_args[@]}"
