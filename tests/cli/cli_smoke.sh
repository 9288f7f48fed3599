#!/usr/bin/env bash
# The real executable end to end: help texts, import, info, nearest, and `serve` as its own
# process on a free 127.0.0.1 port, queried with curl and stopped with SIGTERM.
set -euo pipefail
bin="$1"
shared="${2:-}"
work=$(mktemp -d)
export STATIONFINDER_STATE_DIR="$work/state"  # the servers' copy of the bundled data
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
check() {  # check DESCRIPTION PATTERN TEXT
  grep -qE -- "$2" <<<"$3" || fail "$1: expected /$2/ in: $(head -c 600 <<<"$3")"
}

check "top-level help" "serve" "$("$bin" --help)"
for cmd in serve import export nearest info gaps districts profile suggest network isochrone; do
  out=$("$bin" "$cmd" --help)
  check "$cmd --help" "usage: stationfinder $cmd" "$out"
done
check "serve --help documents env" "STATIONFINDER_PORT" "$("$bin" serve --help)"
if "$bin" nearest --lon 116.4 --lat 95 >/dev/null 2>"$work/err"; then fail "lat 95 accepted"; fi
check "nearest bad lat" "lat_out_of_range" "$(cat "$work/err")"
if "$bin" serve --bogus >/dev/null 2>"$work/err"; then fail "unknown flag accepted"; fi
check "unknown flag" "parameter_unknown \\(--bogus\\): not a flag of .serve." "$(cat "$work/err")"

cat >"$work/in.csv" <<'CSV'
id,name,lon,lat,host_type,amenities,opening_hours
x1,Alpha,116.40,39.90,bank,"water,toilet",24/7
x2,Beta,116.41,39.91,supermarket,water,Mo-Su 08:00-22:00
x3,Broken,,39.9,bank,,
x1,Dup,116.42,39.92,bank,,
CSV
out=$("$bin" import "$work/in.csv" --out "$work/out.gpkg")
check "import summary" "4 read, 2 imported, 2 rejected" "$out"
check "import row reason" "rejected row 4: duplicate id 'x1'" "$out"
if "$bin" import "$work/in.csv" --strict --out "$work/strict.gpkg" >/dev/null 2>&1; then
  fail "--strict accepted rejected rows"
fi
[ ! -e "$work/strict.gpkg" ] || fail "--strict wrote a file"
check "info" "stations:  2" "$("$bin" info --data "$work/out.gpkg")"
check "export" "wrote 2 stations" "$("$bin" export --data "$work/out.gpkg" --out "$work/exported.geojson")"
check "export file" '"type": *"FeatureCollection"' "$(head -c 300 "$work/exported.geojson")"
table=$("$bin" nearest --data "$work/out.gpkg" --lon 116.4 --lat 39.9 -k 2 --at 2026-11-25T12:00)
check "nearest table first row" "^1 +x1 +0.0" "$table"
check "nearest table second row" "^2 +x2 " "$table"
check "nearest json" '"id":"x1"' "$("$bin" nearest --data "$work/out.gpkg" --lon 116.4 --lat 39.9 --format json)"

if [ -n "$shared" ] && [ -f "$shared/beijing-subway-stations/beijing_subway_stations_gcj02.csv" ]; then
  out=$("$bin" import "$shared/beijing-subway-stations/beijing_subway_stations_gcj02.csv" \
        --crs gcj02 --map lon=lng_gcj02 --map lat=lat_gcj02 \
        --districts "$shared/beijing-admin-boundaries/110100_full.json" --districts-crs gcj02 \
        --out "$work/subway.gpkg")
  check "subway import" "329 read, 329 imported, 0 rejected" "$out"
elif [ "${CI:-}" = "true" ]; then
  fail "CI=true but ../shared/data is missing"
else
  echo "skip: ../shared/data not present, subway import not checked"
fi

day=$("$bin" gaps --district Chaoyang --at 2026-11-25T12:00)
night=$("$bin" gaps --district 朝阳区 --at 2026-11-25T23:30)
check "gaps summary" '"covered_pct":[0-9]' "$day"
check "gaps count" '"gap_count":[1-9]' "$day"
"$bin" gaps --district Dongcheng --out "$work/gaps.geojson" >/dev/null
check "gaps file" '"area_m2"' "$(head -c 2000 "$work/gaps.geojson")"
day_pct=$(grep -oE '"covered_pct":[0-9.]+' <<<"$day" | cut -d: -f2)
night_pct=$(grep -oE '"covered_pct":[0-9.]+' <<<"$night" | cut -d: -f2)
awk -v d="$day_pct" -v n="$night_pct" 'BEGIN { exit !(d > n && n > 0) }' ||
  fail "coverage at 23:30 ($night_pct %) should be below noon ($day_pct %)"
# The district report agrees with gaps on the same district (to 0.2 points: the report lays
# one grid over the whole city, gaps one over the district, so cell edges fall differently).
report=$("$bin" districts --format csv --at 2026-11-25T12:00)
[ "$(wc -l <<<"$report")" -eq 18 ] || fail "districts: expected a header, 16 districts and a total"
report_pct=$(grep '^朝阳区,' <<<"$report" | cut -d, -f6)
awk -v a="$report_pct" -v b="$day_pct" 'BEGIN { d = a - b; exit !(a > 0 && d < 0.2 && d > -0.2) }' ||
  fail "districts says $report_pct % for Chaoyang, gaps $day_pct %"
check "districts json" '"stations_per_km2"' "$("$bin" districts --radius-m 300)"
# At 23:30 fewer stations count than at noon (banks and shops are closed).
noon_n=$(grep '^all,' <<<"$report" | cut -d, -f4)
late_n=$("$bin" districts --format csv --at 2026-11-25T23:30 | grep '^all,' | cut -d, -f4)
[ "$late_n" -lt "$noon_n" ] || fail "stations open at 23:30 ($late_n) should be fewer than at noon ($noon_n)"

# Files through GDAL: a zipped Shapefile and GeoPackage of gaps, the distance GeoTIFF, the CSV.
"$bin" gaps --district Dongcheng --radius-m 300 --out "$work/gaps.shp.zip" \
  --raster "$work/distance.tif" --summary-csv "$work/summary.csv" --format csv >"$work/stdout.csv"
[ -s "$work/gaps.shp.zip" ] || fail "no zipped Shapefile written"
[ "$(head -c 2 "$work/distance.tif")" = "II" ] || fail "the distance raster is not a GeoTIFF"
cmp -s "$work/summary.csv" "$work/stdout.csv" || fail "--summary-csv differs from --format csv"
check "summary csv" "^region,radius_m,cell_m" "$(cat "$work/summary.csv")"
# Double coverage is below single coverage; what-if removal lowers coverage.
column() {  # column NAME of a CSV with a header row, counted from the end (a region may be quoted)
  awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = NF - i; next }
    { print $(NF - c) }'
}
twice=$("$bin" gaps --district Chaoyang --min-stations 2 --format csv | column covered_pct)
once=$("$bin" gaps --district Chaoyang --format csv | column covered_pct)
[ -n "$once" ] || fail "no covered_pct column in the gaps summary CSV"
awk -v a="$twice" -v b="$once" 'BEGIN { exit !(a < b) }' || fail "double coverage $twice ≥ single $once"
if "$bin" gaps --district Chaoyang --remove no-such-id >/dev/null 2>"$work/err"; then
  fail "unknown what-if id accepted"
fi
check "what-if unknown id" "unknown_station_id" "$(cat "$work/err")"
# Profile: 24 hours plus a header; suggest: k picks written as a GeoPackage.
profile=$("$bin" profile --district Chaoyang --weekday sun --format csv)
[ "$(wc -l <<<"$profile")" -eq 25 ] || fail "profile: expected a header and 24 hours"
suggest=$("$bin" suggest --district Tongzhou -k 5 --target-pct 30 --out "$work/picks.gpkg")
check "suggest picks" '"rank":5' "$suggest"
check "suggest set cover" '"set_cover":\{"target_pct":30' "$suggest"
[ "$(head -c 15 "$work/picks.gpkg")" = "SQLite format 3" ] || fail "picks.gpkg is not a GeoPackage"
if [ -n "$shared" ] && [ -f "$shared/beijing-subway-stations/beijing_subway_stations_gcj02.csv" ]; then
  demand=$("$bin" districts --demand "$shared/beijing-subway-stations/beijing_subway_stations_gcj02.csv" \
    --demand-crs gcj02 --format csv | grep '^all,')
  pct=$(cut -d, -f9 <<<"$demand")
  awk -v p="$pct" 'BEGIN { exit !(p > 0 && p < 100) }' || fail "subway demand covered % is $pct"
elif [ "${CI:-}" = "true" ]; then
  fail "CI=true but ../shared/data is missing"
fi

if "$bin" gaps --district Atlantis >/dev/null 2>"$work/err"; then fail "unknown district accepted"; fi
check "gaps unknown district" "unknown_district" "$(cat "$work/err")"
if "$bin" gaps --bbox 0,0,180,80 >/dev/null 2>"$work/err"; then fail "huge region accepted"; fi
check "gaps region limit" "region_too_large" "$(cat "$work/err")"
if "$bin" gaps --bbox 115.4,39.4,117.5,41.1 --cell-m 5 >/dev/null 2>"$work/err"; then
  fail "huge grid accepted"
fi
check "gaps cell limit" "grid_too_large .--cell-m.: .* over the limit .*use cell_m of at least" "$(cat "$work/err")"

source "$(dirname "$0")/start_server.sh"

# serve: bundled dataset, any free port, stopped by SIGTERM.
start_server serve
check "serve example" "try: curl" "$(cat "$work/serve.out")"
check "healthz" '"status":"ok"' "$(curl -sf "$url/healthz")"
meta=$(curl -sf "$url/v1/meta")
check "meta count" '"count":9[0-9]{3}' "$meta"
near=$(curl -sf "$url/v1/stations/nearest?lon=116.397&lat=39.908&k=5&amenities=toilet")
check "nearest via HTTP" '"distance_m"' "$near"
check "gaps via HTTP" '"type":"FeatureCollection"' "$(curl -sf "$url/v1/coverage/gaps?district=Dongcheng")"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/v1/demand" --data-binary 'lon,lat
116.4,39.9')
[ "$code" = 403 ] || fail "demand upload with no tokens configured answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/v1/stations/nearest?lon=1&lat=99")
[ "$code" = 400 ] || fail "bad lat gave $code"
check "readyz" '"status":"ready"' "$(curl -sf "$url/readyz")"
check "metrics" 'stationfinder_requests_total\{route="GET /v1/stations/nearest",status="400"\} 1' \
  "$(curl -sf "$url/metrics")"
# Graceful shutdown: a city-wide gap map in flight when SIGTERM arrives still completes.
curl -s -o "$work/inflight.json" -w '%{http_code}' \
  "$url/v1/coverage/gaps?bbox=115.42,39.44,117.51,41.06&cell_m=50&format=json" >"$work/inflight.code" &
curl_pid=$!
sleep 0.3
kill -TERM "$server_pid"
wait "$curl_pid" || true
wait "$server_pid" || fail "serve exited non-zero after SIGTERM"
server_pid=""
[ "$(cat "$work/inflight.code")" = 200 ] || fail "in-flight request got $(cat "$work/inflight.code")"
check "in-flight answer complete" '"gap_count":[0-9]+.*\]\}$' "$(cat "$work/inflight.json")"

# Tokens: a write with the file's token works; after the file changes and SIGHUP, the old
# token is refused (401) and the new one works.
printf 'ops:first-token-0123456789\n' >"$work/tokens.txt"
start_server serve3 --tokens-file "$work/tokens.txt"
upload() {  # upload TOKEN → HTTP status of a demand upload
  curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $1" \
    -H 'Content-Type: text/csv' --data-binary $'lon,lat\n116.4,39.9\n' "$url/v1/demand"
}
[ "$(upload first-token-0123456789)" = 201 ] || fail "the file's token was refused"
[ "$(upload not-a-token-at-all-xxxx)" = 401 ] || fail "an unknown token was accepted"
printf 'ops:second-token-0123456789\n' >"$work/tokens.txt"
kill -HUP "$server_pid"
for _ in $(seq 1 50); do
  grep -q "SIGHUP, 1 write token" "$work/serve3.err" && break
  sleep 0.1
done
[ "$(upload first-token-0123456789)" = 401 ] || fail "the old token still works after SIGHUP"
[ "$(upload second-token-0123456789)" = 201 ] || fail "the new token does not work after SIGHUP"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""

# Hot reload: SIGHUP re-reads --data while the old snapshot serves; a broken file is refused
# with a log line and the old data keeps serving.
cp "$work/out.gpkg" "$work/live.gpkg"
printf 'ops:reload-token-0123456789\n' >"$work/tokens2.txt"
start_server serve4 --data "$work/live.gpkg" --tokens-file "$work/tokens2.txt"
v1=$(curl -sf "$url/v1/meta" | grep -oE '"dataset_version":"[0-9a-f]+"')
printf 'id,name,lon,lat\nx1,Extra,116.41,39.91\n' >"$work/extra.csv"
"$bin" import "$work/extra.csv" --out "$work/live.gpkg" >/dev/null   # now one other station
kill -HUP "$server_pid"
for _ in $(seq 1 50); do grep -q "SIGHUP, reloaded" "$work/serve4.err" && break; sleep 0.1; done
check "reloaded" '"count":1,' "$(curl -sf "$url/v1/meta")"
# …and writes go to the file now served.
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer reload-token-0123456789" \
  -H 'Content-Type: application/geo+json' "$url/v1/stations" \
  --data-binary '{"type":"Feature","geometry":{"type":"Point","coordinates":[116.42,39.92]},"properties":{"id":"w1","name":"Written"}}')
[ "$code" = 201 ] || fail "write after reload answered $code"
check "write reached the reloaded file" "stations:  2" "$("$bin" info --data "$work/live.gpkg")"
v2=$(curl -sf "$url/v1/meta" | grep -oE '"dataset_version":"[0-9a-f]+"')
[ "$v1" != "$v2" ] || fail "the dataset version did not change on reload"
printf 'this is not a geopackage' >"$work/live.gpkg"
kill -HUP "$server_pid"
for _ in $(seq 1 50); do grep -q "reload failed" "$work/serve4.err" && break; sleep 0.1; done
check "broken reload logged" "reload failed, still serving dataset" "$(cat "$work/serve4.err")"
check "old data still served" '"count":2,' "$(curl -sf "$url/v1/meta")"
check "reloads counted" 'stationfinder_reloads_total 1' "$(curl -sf "$url/metrics")"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""

# import --into: a dry run lists what would change and writes nothing; the real run is one
# transaction, and a server polling the store picks it up without a restart.
"$bin" import "$work/in.csv" --out "$work/store.gpkg" >/dev/null 2>&1
start_server serve5 --data "$work/store.gpkg" --poll-interval 0.2
printf 'id,name,lon,lat,host_type,amenities,opening_hours\nx1,Alpha renamed,116.40,39.90,bank,"water,toilet",24/7\nx9,New,116.43,39.93,bank,water,24/7\n' >"$work/edit.csv"
dry=$("$bin" import "$work/edit.csv" --into "$work/store.gpkg" --dry-run --replace)
check "dry run add" "add: +1" "$dry"
check "dry run change" "change: +1" "$dry"
check "dry run remove" "remove: +1" "$dry"
check "dry run ids" "remove x2" "$dry"
check "dry run wrote nothing" "stations:  2" "$("$bin" info --data "$work/store.gpkg")"
check "import --into" "applied: +2 changes" "$("$bin" import "$work/edit.csv" --into "$work/store.gpkg" --by cli-test)"
for _ in $(seq 1 50); do curl -sf "$url/v1/meta" | grep -q '"count":3,' && break; sleep 0.1; done
check "server picked up the import" '"count":3,' "$(curl -sf "$url/v1/meta")"
check "renamed station served" '"name":"Alpha renamed"' "$(curl -sf "$url/v1/stations/x1")"
# A replace that removes more than 10 % of the store needs the count stated (x2 is 1 of 3).
dry=$("$bin" import "$work/edit.csv" --into "$work/store.gpkg" --dry-run --replace)
check "dry run names the guard" "would be refused: this replace would delete 1 of 3" "$dry"
if "$bin" import "$work/edit.csv" --into "$work/store.gpkg" --replace >/dev/null 2>"$work/err"; then
  fail "an unconfirmed replace removing 1 of 3 was applied"
fi
check "replace guard" "replace_needs_confirmation.*--confirm-delete 1" "$(cat "$work/err")"
if "$bin" import "$work/edit.csv" --into "$work/store.gpkg" --replace --confirm-delete 2 \
  >/dev/null 2>"$work/err"; then fail "a miscounted replace was applied"; fi
check "store untouched by refused replaces" "stations:  3" "$("$bin" info --data "$work/store.gpkg")"
check "confirmed replace" "applied: +1 changes" \
  "$("$bin" import "$work/edit.csv" --into "$work/store.gpkg" --replace --confirm-delete 1)"
check "confirmed replace removed x2" "stations:  2" "$("$bin" info --data "$work/store.gpkg")"
# A file the reader cannot finish (a field over GDAL's size limit at row 3) fails the import,
# naming the row, and a replace from it deletes nothing.
{ echo "id,name,lon,lat"; echo "x1,A,116.40,39.90"; echo "x9,B,116.43,39.93"
  printf 'x5,'; head -c 10485760 /dev/zero | tr '\0' 'x'; echo ",116.44,39.94"
  echo "x6,D,116.45,39.95"; } >"$work/truncated.csv"
if "$bin" import "$work/truncated.csv" --into "$work/store.gpkg" --replace --confirm-delete 0 \
  >/dev/null 2>"$work/err"; then fail "a truncated file was imported"; fi
check "truncated file named" "row 3 cannot be read" "$(cat "$work/err")"
check "store untouched by a truncated file" "stations:  2" "$("$bin" info --data "$work/store.gpkg")"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""

# Walking: a street grid (GeoJSON lines, 600 junctions around x1 and x2) summarised, written
# as a GeoPackage and as OSM PBF and read back alike; nearest by walk from the CLI and HTTP;
# SIGHUP reads a changed network, and keeps the served one when the new file is broken.
grid() {  # grid COLUMNS: COLUMNS x 20 junctions 0.001 deg apart from (116.39, 39.89)
  python3 - "$1" <<'PY'
import json, sys
cols = int(sys.argv[1])
p = lambda c, r: [round(116.39 + c * 0.001, 6), round(39.89 + r * 0.001, 6)]
lines = [[p(c, r) for c in range(cols)] for r in range(20)] + \
        [[p(c, r) for r in range(20)] for c in range(cols)]
print(json.dumps({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": l}}
    for l in lines]}))
PY
}
grid 30 >"$work/streets.geojson"
summary=$("$bin" network "$work/streets.geojson" --out "$work/streets.gpkg")
check "network summary" "600 nodes, 1150 segments" "$summary"
check "network parts" "1 connected parts: the largest holds 100.0 %" "$summary"
check "network written" "wrote 1150 segments to" "$summary"
check "network back from gpkg" "600 nodes, 1150 segments" "$("$bin" network "$work/streets.gpkg")"
"$bin" network "$work/streets.geojson" --out "$work/streets.osm.pbf" >/dev/null
check "network back from pbf" "600 nodes, 1150 segments" "$("$bin" network "$work/streets.osm.pbf")"
if "$bin" network "$work/extra.csv" >/dev/null 2>"$work/err"; then fail "points read as streets"; fi
check "network without lines" "data_invalid .*no walkable street" "$(cat "$work/err")"
table=$("$bin" nearest --data "$work/out.gpkg" --lon 116.4005 --lat 39.9003 --distance walk \
  --network "$work/streets.geojson" --at 2026-11-25T12:00 2>/dev/null)
check "nearest by walk table" "walk m" "$table"
check "nearest by walk first" "^1 +x1 " "$table"
if "$bin" nearest --data "$work/out.gpkg" --lon 116.4 --lat 39.9 --distance walk \
  >/dev/null 2>"$work/err"; then fail "walk without a network accepted"; fi
check "walk without a network" "network_missing .--distance." "$(cat "$work/err")"
start_server serve5 --data "$work/out.gpkg" --network "$work/streets.geojson"
check "unreachable reported" "0 of 2 stations are unreachable by walk" "$(cat "$work/serve5.err")"
walk=$(curl -sf "$url/v1/stations/nearest?lon=116.4005&lat=39.9003&k=1&distance=walk&path=true")
check "walk via HTTP" '"walk_m":[0-9.]+,"walk_minutes"' "$walk"
check "walk path via HTTP" '"walk_path":\{"type":"LineString"' "$walk"
# An isochrone: the CLI prints the bytes HTTP answers, and writes the contours to a file.
iso_cli=$("$bin" isochrone --lon 116.4005 --lat 39.9003 --walk-minutes 3,6 --format json \
  --network "$work/streets.geojson" --out "$work/iso.gpkg" 2>/dev/null)
iso_http=$(curl -sf "$url/v1/isochrone?lon=116.4005&lat=39.9003&walk_minutes=3,6&format=json")
[ "$iso_cli" = "$iso_http" ] || fail "isochrone: CLI and HTTP differ: $iso_cli / $iso_http"
check "isochrone contours" '"contours":\[\{"walk_m":225,"walk_minutes":3,' "$iso_cli"
check "isochrone file" "Feature Count: 2" "$(ogrinfo -so -al "$work/iso.gpkg")"
check "isochrone file geometry" "Geometry: Multi Polygon" "$(ogrinfo -so -al "$work/iso.gpkg")"
walk_pct=$("$bin" gaps --data "$work/out.gpkg" --bbox 116.39,39.89,116.42,39.909 --distance walk \
  --network "$work/streets.geojson" --format csv 2>/dev/null | column covered_pct)
line_pct=$("$bin" gaps --data "$work/out.gpkg" --bbox 116.39,39.89,116.42,39.909 --format csv \
  2>/dev/null | column covered_pct)
awk -v w="$walk_pct" -v s="$line_pct" 'BEGIN { exit !(w > 0 && w < s) }' ||
  fail "coverage by walk $walk_pct % is not under the straight line's $line_pct %"
check "coverage by walk via HTTP" '"distance":"walk","network_version":"[0-9a-f]{16}"' \
  "$(curl -sf "$url/v1/coverage/gaps?bbox=116.39,39.89,116.42,39.909&distance=walk&format=json")"
check "catchment via HTTP" '"station_id":"x1"' \
  "$(curl -sf "$url/v1/stations/x1/catchment?walk_minutes=5")"
n1=$(curl -sf "$url/v1/meta" | grep -oE '"nodes":[0-9]+')
[ "$n1" = '"nodes":600' ] || fail "meta network nodes: $n1"
grid 40 >"$work/streets.geojson"
kill -HUP "$server_pid"
for _ in $(seq 1 50); do grep -q "SIGHUP, network" "$work/serve5.err" && break; sleep 0.1; done
check "network reloaded" '"nodes":800' "$(curl -sf "$url/v1/meta")"
printf 'not a network' >"$work/streets.geojson"
kill -HUP "$server_pid"
for _ in $(seq 1 50); do grep -q "network kept as it was" "$work/serve5.err" && break; sleep 0.1; done
check "broken network kept" "SIGHUP, network kept as it was" "$(cat "$work/serve5.err")"
check "old network still served" '"nodes":800' "$(curl -sf "$url/v1/meta")"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""

# Readiness follows the data source: a served copy that disappears makes /readyz 503.
start_server serve2 --data "$work/out.gpkg"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz")" = 200 ] || fail "readyz not 200"
rm "$work/out.gpkg"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz")" = 503 ] || fail "readyz not 503 without its data"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""
echo "cli smoke: all checks passed"
