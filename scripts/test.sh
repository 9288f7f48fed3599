#!/usr/bin/env bash
# Every test: install what is missing, build in Release and run all tests (unit, data, http,
# cli, and web: OpenAPI validation with Ajv and the page in headless Chromium under Node.js),
# pg: two replicas over a private PostgreSQL+PostGIS started for the run), then build the unit
# and HTTP tests with ASan+UBSan and run them again.
set -euo pipefail
cd "$(dirname "$0")/.."
extra=(chromium fonts-wqy-microhei postgresql postgresql-15-postgis-3 nginx-light)
command -v node >/dev/null && command -v npm >/dev/null || extra+=(nodejs npm)
scripts/install-deps.sh "${extra[@]}"
start=$(date +%s)
echo "== web test packages (npm)"
npm ci --prefix tests/web --no-audit --no-fund --loglevel=error

echo "== release build"
scripts/build.sh release
echo "== release tests (with a private PostgreSQL+PostGIS for the replica test)"
scripts/with_postgis.sh ctest --test-dir build/release --output-on-failure -j "$(nproc)"

echo "== asan+ubsan build"
scripts/build.sh asan
echo "== asan+ubsan tests"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build/asan --output-on-failure -j "$(nproc)" -L 'unit|http|data'

echo "== all tests passed in $(( $(date +%s) - start )) s"
