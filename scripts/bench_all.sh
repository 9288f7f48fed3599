#!/usr/bin/env bash
# Every benchmark in one run, side by side with the peers a user would pick instead
# (../shared/peers: PostGIS KNN with pgbench, nginx serving a static body, the exact numpy kNN),
# on the same deterministic data and query points. About 15 minutes on 2 cores.
# Output: $PEERS_WORK/sf/ (ours) and $PEERS_WORK/results/results.tsv (the peers').
set -euo pipefail
cd "$(dirname "$0")/.."
peers="${PEERS_DIR:-../shared/peers}"
export PEERS_WORK="${PEERS_WORK:-/tmp/peers-work}"
out="$PEERS_WORK/sf"
mkdir -p "$out"
if [ ! -d "$peers" ]; then
  echo "bench_all: $peers not found (the peers' scripts live in ../shared/peers)" >&2
  exit 1
fi
bash "$peers/bench_brute.sh"     # data and the exact expected answers
bash "$peers/bench_postgis.sh"
bash "$peers/bench_nginx.sh"
scripts/bench_http.sh
build/bench/bench/sf_knn_check | tee "$out/knn_check.txt"
build/bench/bench/sf_bench_queries --benchmark_min_time=2 --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true | tee "$out/queries.txt"
build/bench/bench/sf_bench_load | tee "$out/load.txt"
/usr/bin/python3 "$peers/render_results.py" >/dev/null 2>&1 || true
echo "bench_all: ours in $out, peers in $PEERS_WORK/results/results.tsv"
