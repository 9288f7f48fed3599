#!/usr/bin/env bash
# The main job: install what is missing, build in Release and serve the bundled Beijing dataset
# on http://127.0.0.1:8080/ (flags are passed to `stationfinder serve`, e.g. --port 9090).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release stationfinder
exec build/release/stationfinder serve "$@"
