#!/usr/bin/env bash
# Every test: install what is missing, build in Release and run all tests (unit, data, http,
# cli, load: the hostile-input table, slow clients alone and behind nginx, a 30 s soak; web:
# OpenAPI validation with Ajv and the page in headless Chromium under Node.js; pg: two
# replicas over a private PostgreSQL+PostGIS started for the run, and pgRouting walking the
# same street network); then build with clang,
# ASan+UBSan and libFuzzer instrumentation and run the unit, http and data tests again and
# every fuzzer for a bounded time (after replaying the crashes it once found); then the
# concurrent tests (writers, readers, merges, reloads, replicas) under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
extra=(chromium fonts-wqy-microhei postgresql postgresql-15-postgis-3 postgresql-15-pgrouting
       nginx-light clang libfuzzer-14-dev python3-owslib)
command -v node >/dev/null && command -v npm >/dev/null || extra+=(nodejs npm)
scripts/install-deps.sh "${extra[@]}"
start=$(date +%s)
stage() { echo "== $* ($(( $(date +%s) - start )) s)"; }
stage "web packages (npm: the tests' and the demo page's)"
npm ci --prefix tests/web --no-audit --no-fund --loglevel=error
npm ci --prefix api/web --no-audit --no-fund --loglevel=error

stage "release build"
scripts/build.sh release
stage "release tests (with a private PostgreSQL+PostGIS for the replica test)"
scripts/with_postgis.sh ctest --test-dir build/release --output-on-failure -j "$(nproc)"

stage "asan+ubsan build (clang, with the fuzz targets)"
scripts/build.sh asan
stage "asan+ubsan tests"
# Sanitizers copy on every realloc, and GDAL's CSV reader grows a long line a few hundred
# bytes at a time: the tests' 10 MB field would take minutes to reach GDAL's default limit
# (10 MB). A 1 MiB limit stops the reader just as early, the same way.
export OGR_CSV_MAX_LINE_SIZE=1048576
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build/asan --output-on-failure -j "$(nproc)" -L 'unit|http|data'
stage "fuzzing: every target ${FUZZ_SECONDS:-40} s"
scripts/fuzz.sh "${FUZZ_SECONDS:-40}"

stage "tsan build (the concurrent tests)"
scripts/build.sh tsan sf_http_tests stationfinder
stage "tsan tests"
unset ASAN_OPTIONS LSAN_OPTIONS
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp"
scripts/with_postgis.sh ctest --test-dir build/tsan --output-on-failure -j "$(nproc)" \
  -L 'http|pg' -E 'HostileTable|NOT_BUILT|web_'

stage "all tests passed"
