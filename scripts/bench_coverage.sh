#!/usr/bin/env bash
# Coverage gaps side by side with the GDAL command-line pipeline (../shared/peers/bench_gdal.sh:
# gdal_rasterize + gdal_proximity.py + gdal_calc.py on the Beijing extent, 100 m and 50 m
# cells, 10k and 1M stations), in the same run and on the same stations. About 5 minutes.
# Ours twice: the library work alone (sf_coverage_bench, stations loaded before timing) and
# the whole CLI process (load the CSV, gaps with polygons + the distance GeoTIFF written).
# Output: $PEERS_WORK/sf/coverage_*.txt; the peer's rows in $PEERS_WORK/results/results.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
peers="${PEERS_DIR:-../shared/peers}"
export PEERS_WORK="${PEERS_WORK:-/tmp/peers-work}"
out="$PEERS_WORK/sf"
mkdir -p "$out"
[ -d "$peers" ] || { echo "bench_coverage: $peers not found" >&2; exit 1; }
scripts/build.sh bench sf_coverage_bench stationfinder >/dev/null
bash "$peers/bench_gdal.sh"
data="$PEERS_WORK/data"
bin=build/bench/stationfinder
# The peer's grid is a UTM 50N rectangle (printed by bench_gdal.sh): the same area, as a
# densified lon/lat polygon, is our region, so both count the same ground.
te=$(cat "$PEERS_WORK/results/logs/gdal_version.txt" | grep -oE 'EPSG:32650 [0-9 ]+' | cut -d' ' -f2-)
/usr/bin/python3 - "$out/peer_grid.geojson" $te <<'PYEOF'
import json, sys
from osgeo import osr
x0, y0, x1, y1 = map(float, sys.argv[2:6])
u = osr.SpatialReference(); u.ImportFromEPSG(32650); u.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
g = osr.SpatialReference(); g.ImportFromEPSG(4326); g.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
ct = osr.CoordinateTransformation(u, g)
ring = []
for (ax, ay, bx, by) in [(x0, y0, x1, y0), (x1, y0, x1, y1), (x1, y1, x0, y1), (x0, y1, x0, y0)]:
    for i in range(200):
        f = i / 200
        ring.append(list(ct.TransformPoint(ax + f * (bx - ax), ay + f * (by - ay))[:2]))
ring.append(ring[0])
json.dump({"type": "Polygon", "coordinates": [ring]}, open(sys.argv[1], "w"))
PYEOF
for tag in 10k 1m; do
  build/bench/bench/sf_coverage_bench "$data/stations_$tag.csv" - 3 "$out/peer_grid.geojson" |
    tee "$out/coverage_lib_$tag.txt"
  : > "$out/coverage_cli_$tag.txt"
  for cell in 100 50; do
    for run in 1 2; do
      /usr/bin/time -f "%e s %M KiB" -o "$out/time.txt" "$bin" gaps --region "$out/peer_grid.geojson" --cell-m "$cell" \
        --data "$data/stations_$tag.csv" --out "$out/gaps_${tag}_$cell.gpkg" \
        --raster "$out/distance_${tag}_$cell.tif" --format csv > "$out/summary_${tag}_$cell.csv"
      echo "cli gaps+polygons+geotiff $tag ${cell} m run $run: $(cat "$out/time.txt")" |
        tee -a "$out/coverage_cli_$tag.txt"
    done
  done
done
echo "GDAL peer rows:"
grep -P '\tGDAL\t' "$PEERS_WORK/results/results.tsv" | cut -f3-8 | tee "$out/coverage_gdal.txt"
