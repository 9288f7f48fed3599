#!/usr/bin/env bash
# OGC API - Features items and vector tiles: wrk on limit=10 pages (from the first page, and after cursors spread
# over the ids) beside the v1 listing of the same size in the same run, and on station tiles at
# z10, z13 and z16 over Beijing (uncached: every tile is built per request), at 10k and 1M stations
# of the peers' deterministic data; then a whole ogr2ogr copy through GDAL's OAPIF driver.
# Bounded: each wrk run lasts DURATION seconds (default 10), on 127.0.0.1 only.
# Usage: scripts/bench_ogc.sh            (results: $PEERS_WORK/sf/ogc_results.tsv)
set -euo pipefail
cd "$(dirname "$0")/.."
port=58183
results_name=ogc_results.tsv
source scripts/bench_common.sh

for n in 10k 1m; do
  gpkg="$out/stations_$n.gpkg"
  [ -s "$gpkg" ] || "$bin" import "$data/stations_$n.csv" --districts none --out "$gpkg" >/dev/null
  "$bin" serve --data "$gpkg" --districts none --port "$port" >"$out/serve_ogc_$n.log" 2>&1 &
  pid=$!
  wait_up "http://127.0.0.1:$port/healthz"
  # 1,000 cursors spread over the ids (every id is a number 1..N), and the same pages by offset
  # on the v1 listing (its window ends at 10,000: those offsets stay inside it).
  total=$(curl -s "http://127.0.0.1:$port/ogc/collections/stations/items?limit=1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["numberMatched"])')
  /usr/bin/python3 - "$total" "$out" <<'EOF'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
with open(out + "/first.txt", "w") as f:
    f.write("/ogc/collections/stations/items?limit=10\n")
with open(out + "/cursors.txt", "w") as f:
    for i in range(1000):
        f.write("/ogc/collections/stations/items?limit=10&after=%d\n" % (1 + i * (n // 1000)))
with open(out + "/v1.txt", "w") as f:
    for i in range(1000):
        f.write("/v1/stations?limit=10&offset=%d\n" % (i * 9))
with open(out + "/bbox.txt", "w") as f:
    for i in range(1000):
        lon, lat = 116.20 + (i % 40) * 0.01, 39.80 + (i // 40) * 0.008
        f.write("/ogc/collections/stations/items?limit=10&bbox=%.3f,%.3f,%.3f,%.3f\n" % (lon, lat, lon + 0.01, lat + 0.01))
import math
def tile(lon, lat, z):
    n = 2 ** z
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2
    return int((lon + 180) / 360 * n), int(y * n)
for z in (10, 13, 16):
    seen, paths = set(), []
    for i in range(1000):
        lon, lat = 116.10 + (i % 40) * 0.015, 39.70 + (i // 40) * 0.02
        x, y = tile(lon, lat, z)
        if (x, y) not in seen:
            seen.add((x, y))
            paths.append("/ogc/collections/stations/tiles/WebMercatorQuad/%d/%d/%d" % (z, y, x))
    with open(out + "/tiles_z%d.txt" % z, "w") as f:
        f.write("\n".join(paths) + "\n")
EOF
  run_wrk "ogc items limit=10, first page" "$n" 16 "$out/first.txt"
  run_wrk "ogc items limit=10, after cursors" "$n" 16 "$out/cursors.txt"
  run_wrk "v1 listing limit=10, offsets" "$n" 16 "$out/v1.txt"
  run_wrk "ogc items limit=10, 1 km boxes" "$n" 16 "$out/bbox.txt"
  for z in 10 13 16; do
    run_wrk "station tiles z$z ($(wc -l <"$out/tiles_z$z.txt") tiles)" "$n" 16 "$out/tiles_z$z.txt"
  done
  rm -f "$out/oapif_$n.gpkg"
  t0=$(date +%s.%N)
  ogr2ogr -f GPKG "$out/oapif_$n.gpkg" "OAPIF:http://127.0.0.1:$port/ogc" stations -oo PAGE_SIZE=10000 \
    -mapFieldType StringList=String
  seconds=$(echo "$(date +%s.%N) - $t0" | bc)
  copied=$(ogrinfo -ro -so "$out/oapif_$n.gpkg" stations | sed -n 's/^Feature Count: //p')
  printf 'ogr2ogr OAPIF copy (s)\t%s\t1\t%s\t-\t-\t%s features\n' "$n" "$seconds" "$copied" | tee -a "$results"
  stop
done
trap - EXIT
echo "results: $results"
