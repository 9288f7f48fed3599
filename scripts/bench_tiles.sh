#!/usr/bin/env bash
# Vector tiles beside their peer, in one run: station tiles at z10, z13 and z16 over Beijing from
# stationfinder (uncached: --tile-cache-mb 0; cached: the same tiles again from a warm cache) and
# from PostGIS ST_AsMVT (a SQL function making the same features: points from zoom 15, below it
# 64-pixel squares aligned with the tiles with counts and counts by host type) driven by pgbench
# with as many clients as wrk has connections, on the same stations (the peers' deterministic 10k
# and 1M, loaded from our own import so the columns are the same) and the same tiles; then
# coverage tiles at z13 (straight and by walk on the bundled streets) uncached.
# PostgreSQL is the test command's private one (scripts/with_postgis.sh, started here when
# SF_TEST_PG is not set). Bounded: each run lasts DURATION seconds (default 10), 127.0.0.1 only.
# Usage: scripts/bench_tiles.sh       (results: $PEERS_WORK/sf/tile_results.tsv)
#        STATIONS=none scripts/bench_tiles.sh   (the coverage tiles alone)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SF_TEST_PG:-}" ]; then
  scripts/install-deps.sh postgresql postgresql-15-postgis-3
  exec scripts/with_postgis.sh "$0" "$@"
fi
connections="${CONNECTIONS:-16}"
port=58184
results_name=tile_results.tsv
source scripts/bench_common.sh
pg_port=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' <<<"$SF_TEST_PG")
pg_user=$(sed -n 's/.*user=\([^ ]*\).*/\1/p' <<<"$SF_TEST_PG")
psql=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d stationfinder)

run_pgbench() {  # WHAT STATIONS SCRIPT
  local o
  o=$(pgbench -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -n -M prepared -c "$connections" -j 2 \
    -T "$duration" --random-seed=42 -f "$3" stationfinder 2>&1)
  printf '%s\t%s\t%s\t%s\t%s\t-\t-\n' "$1" "$2" "$connections" \
    "$(awk '/^tps =/{printf "%.0f", $3}' <<<"$o")" "$(awk '/latency average/{print $4}' <<<"$o")" |
    tee -a "$results"
}

# The same tiles for both: every distinct tile under a grid of points over Beijing.
/usr/bin/python3 - "$out" <<'PY'
import math, sys
out = sys.argv[1]
def tile(lon, lat, z):
    n = 2 ** z
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2
    return int((lon + 180) / 360 * n), int(y * n)
with open(out + "/tiles.csv", "w") as rows:
    for z in (10, 13, 16):
        seen, paths = [], []
        for i in range(1000):
            x, y = tile(116.10 + (i % 40) * 0.015, 39.70 + (i // 40) * 0.02, z)
            if (x, y) not in seen:
                seen.append((x, y))
        with open(out + "/tiles_z%d.txt" % z, "w") as f:
            for k, (x, y) in enumerate(seen):
                f.write("/ogc/collections/stations/tiles/WebMercatorQuad/%d/%d/%d\n" % (z, y, x))
                rows.write("%d,%d,%d,%d\n" % (z, k + 1, x, y))
        with open(out + "/coverage_z%d.txt" % z, "w") as f:
            for x, y in seen:
                f.write("/ogc/collections/coverage/tiles/WebMercatorQuad/%d/%d/%d?radius_m=500\n" % (z, y, x))
        with open(out + "/coverage_walk_z%d.txt" % z, "w") as f:
            for x, y in seen:
                f.write("/ogc/collections/coverage/tiles/WebMercatorQuad/%d/%d/%d?radius_m=500&distance=walk\n" % (z, y, x))
PY

# The peer's tile function: the same features as ours (see service/vector_tiles.cpp).
"${psql[@]}" <<'SQL'
CREATE TABLE IF NOT EXISTS tiles(z int, k int, x int, y int, PRIMARY KEY (z, k));
TRUNCATE tiles;
CREATE OR REPLACE FUNCTION sf_tile(tbl regclass, z int, x int, y int) RETURNS bytea
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $fn$
DECLARE
  world double precision := 2 * 20037508.342789244;
  px double precision := world / (256 * 2 ^ z);  -- metres a screen pixel
  result bytea;
BEGIN
  IF z >= 15 THEN
    EXECUTE format($q$
      SELECT ST_AsMVT(t, 'stations', 4096, 'geom') FROM (
        SELECT id, name, host_type, amenities, opening_hours, district,
               ST_AsMVTGeom(geom, ST_TileEnvelope(%1$s, %2$s, %3$s), 4096, 64, true) AS geom
        FROM %4$s WHERE geom && ST_TileEnvelope(%1$s, %2$s, %3$s, margin => 64.0 / 4096)) t
      $q$, z, x, y, tbl) INTO result;
    RETURN result;
  END IF;
  -- Squares of 64 px aligned with the tiles; every one reaching into the buffered tile.
  EXECUTE format($q$
    SELECT ST_AsMVT(t, 'stations', 4096, 'geom') FROM (
      SELECT true AS cluster, count(*) AS count,
             NULLIF(count(*) FILTER (WHERE host_type = 'bank'), 0) AS bank,
             NULLIF(count(*) FILTER (WHERE host_type = 'supermarket'), 0) AS supermarket,
             NULLIF(count(*) FILTER (WHERE host_type = 'convenience_store'), 0) AS convenience_store,
             NULLIF(count(*) FILTER (WHERE host_type = 'real_estate_agency'), 0) AS real_estate_agency,
             NULLIF(count(*) FILTER (WHERE host_type = 'gas_station'), 0) AS gas_station,
             NULLIF(count(*) FILTER (WHERE host_type = 'union_office'), 0) AS union_office,
             NULLIF(count(*) FILTER (WHERE host_type = 'other'), 0) AS other,
             -- a square's mean may lie beyond the tile's buffer while the square reaches into
             -- it: kept, as ours are (a buffer of one square, 1,024 units)
             ST_AsMVTGeom(ST_Transform(ST_SetSRID(ST_MakePoint(avg(lon), avg(lat)), 4326), 3857),
                          ST_TileEnvelope(%1$s, %2$s, %3$s), 4096, 1024, true) AS geom
      FROM (SELECT host_type, lon, lat,
                   floor((ST_X(geom) + %5$s / 2) / %6$s / 64) AS cx,
                   floor((%5$s / 2 - ST_Y(geom)) / %6$s / 64) AS cy
            FROM %4$s WHERE geom && ST_TileEnvelope(%1$s, %2$s, %3$s, margin => 0.25)) s
      GROUP BY cx, cy
      HAVING cx * 64 < (%2$s + 1) * 256 + 4 AND cx * 64 + 64 > %2$s * 256 - 4
         AND cy * 64 < (%3$s + 1) * 256 + 4 AND cy * 64 + 64 > %3$s * 256 - 4) t
    $q$, z, x, y, tbl, world, px) INTO result;
  RETURN result;
END
$fn$;
SQL
"${psql[@]}" -c "\\copy tiles FROM '$out/tiles.csv' CSV"

for n in ${STATIONS:-10k 1m}; do
  [ "$n" = none ] && continue
  gpkg="$out/stations_$n.gpkg"
  [ -s "$gpkg" ] || "$bin" import "$data/stations_$n.csv" --districts none --out "$gpkg" >/dev/null
  # The peer's table: our import's columns, Web Mercator points with a GiST index.
  ogr2ogr -f PostgreSQL "$SF_TEST_PG" "$gpkg" stations -nln "st_$n" -overwrite -t_srs EPSG:3857 \
    -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST -mapFieldType StringList=String
  "${psql[@]}" -c "ALTER TABLE st_$n ADD COLUMN IF NOT EXISTS lon float8, ADD COLUMN IF NOT EXISTS lat float8;
    UPDATE st_$n SET lon = ST_X(ST_Transform(geom, 4326)), lat = ST_Y(ST_Transform(geom, 4326));
"
  "${psql[@]}" -c "VACUUM ANALYZE st_$n"
  for z in 10 13 16; do
    count=$(wc -l <"$out/tiles_z$z.txt")
    printf '\\set k random(1, %d)\nSELECT sf_tile('"'"'st_%s'"'"', z, x, y) FROM tiles WHERE z = %d AND k = :k;\n' \
      "$count" "$n" "$z" > "$out/pg_tiles_z$z.sql"
  done
  # The same features: the first tile of each zoom from both, decoded by GDAL's MVT driver.
  "$bin" serve --data "$gpkg" --districts none --port "$port" >"$out/serve_tiles_$n.log" 2>&1 &
  pid=$!
  wait_up "http://127.0.0.1:$port/healthz"
  for z in 10 13 16; do
    IFS=, read -r _ _ x y < <(grep "^$z," "$out/tiles.csv" | head -1)
    for who in ours peer; do
      dir="$out/mvt_$who/$z/$x"
      mkdir -p "$dir"
      if [ "$who" = ours ]; then
        curl -s -o "$dir/$y.pbf" "http://127.0.0.1:$port/ogc/collections/stations/tiles/WebMercatorQuad/$z/$y/$x"
      else
        "${psql[@]}" -tA -c "SELECT encode(sf_tile('st_$n', $z, $x, $y), 'hex')" |
          /usr/bin/python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.stdin.read().strip()))' >"$dir/$y.pbf"
      fi
    done
    count() {
      local c
      c=$(ogrinfo -ro -so "$out/mvt_$1/$z/$x/$y.pbf" stations 2>/dev/null | sed -n 's/^Feature Count: //p')
      echo "${c:-0}"
    }
    printf 'features of tile %s/%s/%s	%s	ours %s	peer %s
' "$z" "$y" "$x" "$n" "$(count ours)" "$(count peer)" |
      tee -a "$results"
  done
  stop
  # The cluster pyramid is built by the first low-zoom tile of a dataset version: timed apart.
  for cache in 0 64; do
    "$bin" serve --data "$gpkg" --districts none --port "$port" --tile-cache-mb "$cache" \
      >"$out/serve_tiles_$n.log" 2>&1 &
    pid=$!
    wait_up "http://127.0.0.1:$port/healthz"
    first=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port$(head -1 "$out/tiles_z10.txt")")
    printf 'first z10 tile (builds the cluster pyramid), s\t%s\t1\t%s\t-\t-\t-\n' "$n" "$first" |
      tee -a "$results"
    for z in 10 13 16; do
      tiles="$(wc -l <"$out/tiles_z$z.txt") tiles"
      if [ "$cache" = 0 ]; then
        run_wrk "stationfinder station tiles z$z uncached ($tiles)" "$n" "$connections" "$out/tiles_z$z.txt"
      else
        while read -r path; do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done <"$out/tiles_z$z.txt"
        run_wrk "stationfinder station tiles z$z cached ($tiles)" "$n" "$connections" "$out/tiles_z$z.txt"
      fi
    done
    stop
  done
  for z in 10 13 16; do
    run_pgbench "PostGIS ST_AsMVT station tiles z$z (pgbench, tx/s; avg latency ms)" "$n" "$out/pg_tiles_z$z.sql"
  done
done

# Coverage tiles at z13, uncached: one client (the time a tile takes) and many.
"$bin" serve --data "$out/stations_1m.gpkg" --port "$port" --tile-cache-mb 0 \
  --network "$(pwd)/geodata/beijing_streets.osm.pbf" >"$out/serve_coverage.log" 2>&1 &
pid=$!
wait_up "http://127.0.0.1:$port/healthz"
# One client: the time a tile takes. Four: the coverage pool's throughput (its default thread
# and queue of 4 take them all; more clients would be answered 503 by design).
for which in coverage coverage_walk; do
  run_wrk "stationfinder $which tiles z13 uncached, R = 500 m" 1m 1 "$out/${which}_z13.txt"
  run_wrk "stationfinder $which tiles z13 uncached, R = 500 m" 1m 4 "$out/${which}_z13.txt"
done
stop
trap - EXIT
echo "results: $results"
