#!/usr/bin/env bash
# The standing fuzzers: builds the libFuzzer targets (clang, ASan+UBSan: the "asan" preset,
# which also builds the tests),
# replays every crash kept in fuzz/regressions/<target>/ (each must now pass), then fuzzes
# each target for SECONDS (default 40) from its seed corpus fuzz/corpus/<target>/, two at a
# time. New inputs go to a scratch copy, never into the repo; a crash fails the run and
# leaves its input in build/asan/findings/ to be added to fuzz/regressions/.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-40}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_http_request fuzz_json_body fuzz_import fuzz_query fuzz_opening_hours fuzz_time
           fuzz_datum fuzz_network fuzz_cql2)
fi
scripts/install-deps.sh clang libfuzzer-14-dev
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$(nproc)" $(printf -- '--target %s ' "${targets[@]}")
findings="$PWD/build/asan/findings"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$findings"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
max_len() {
  case "$1" in
    fuzz_http_request | fuzz_json_body | fuzz_import) echo 1048576 ;;  # the 1 MiB route limit
    fuzz_network) echo 65536 ;;
    *) echo 4096 ;;
  esac
}
dict() {
  case "$1" in
    fuzz_http_request) echo "-dict=fuzz/dict/http.dict" ;;
    fuzz_json_body | fuzz_import) echo "-dict=fuzz/dict/json.dict" ;;
    fuzz_network) echo "-dict=fuzz/dict/osm.dict" ;;
    fuzz_cql2) echo "-dict=fuzz/dict/cql2.dict" ;;
    *) echo "" ;;
  esac
}
run_one() {  # TARGET
  local t="$1" bin="build/asan/fuzz/$1" log="$scratch/$1.log"
  if [ -d "fuzz/regressions/$t" ] && [ -n "$(ls -A "fuzz/regressions/$t")" ]; then
    if ! "$bin" -max_len="$(max_len "$t")" "fuzz/regressions/$t"/* >"$log" 2>&1; then
      echo "FAIL: $t: a kept regression crashes again"; tail -40 "$log"; return 1
    fi
  fi
  mkdir -p "$scratch/$t"
  # shellcheck disable=SC2046
  if ! "$bin" "$scratch/$t" "fuzz/corpus/$t" -max_total_time="$seconds" -max_len="$(max_len "$t")" \
      -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$findings/$t-" \
      $(dict "$t") >"$log" 2>&1; then
    echo "FAIL: $t found a crash (input in $findings):"; grep -E "ERROR|SUMMARY|==[0-9]+==" "$log" | head -20
    tail -60 "$log"
    return 1
  fi
  echo "$t: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') runs in ${seconds} s," \
       "corpus $(ls "$scratch/$t" "fuzz/corpus/$t" | wc -l) inputs, no crash"
}
status=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$(nproc)" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit "$status"
