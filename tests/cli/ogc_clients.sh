#!/usr/bin/env bash
# OGC API - Features with the clients GIS users have: GDAL's OAPIF driver (ogrinfo, ogr2ogr: every
# station with the ids and coordinates of GET /v1/export) and OWSLib's Features (Debian
# python3-owslib) listing collections and paging items, against `serve` as its own process over
# the bundled stations and streets.
set -euo pipefail
bin="$1"
src="$(cd "$(dirname "$0")/../.." && pwd)"
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=tests/cli/start_server.sh
source "$(dirname "$0")/start_server.sh"

command -v ogr2ogr >/dev/null || fail "ogr2ogr (gdal-bin) is missing"
owslib_python=/usr/bin/python3
"$owslib_python" -c 'import owslib.ogcapi.features' 2>/dev/null ||
  fail "OWSLib is missing: apt-get install python3-owslib"

cp "$src/geodata/beijing.gpkg" "$work/stations.gpkg"
start_server ogc --data "$work/stations.gpkg" --network "$src/geodata/beijing_streets.osm.pbf"

# GDAL: the layers, their counts, and a whole copy of each. GDAL 3.6 pages by 10 unless told;
# PAGE_SIZE=10000 is the limit the service description declares.
info=$(ogrinfo -ro -so "OAPIF:$url/ogc" stations)
grep -q "Feature Count: 9600" <<<"$info" || fail "ogrinfo stations: $(head -c 600 <<<"$info")"
grep -q "updated_at: DateTime" <<<"$info" || fail "ogrinfo: updated_at is not a date-time"
ogr2ogr -f GPKG "$work/oapif.gpkg" "OAPIF:$url/ogc" stations -oo PAGE_SIZE=10000 \
  -mapFieldType StringList=String 2>"$work/ogr2ogr.err" || fail "ogr2ogr: $(cat "$work/ogr2ogr.err")"
curl -sf "$url/v1/export?format=gpkg" -o "$work/export.gpkg" || fail "GET /v1/export"
dump() {  # id, lon and lat of every station of a GeoPackage, sorted by id
  ogrinfo -ro -q "$1" -sql "SELECT id, printf('%.6f', ST_X($2)) AS x, printf('%.6f', ST_Y($2)) AS y FROM stations ORDER BY id" \
    -dialect SQLITE | grep -E '^\s+(id|x|y) ' | paste - - - | sed 's/ (String)//g'
}
dump "$work/oapif.gpkg" geom >"$work/oapif.txt"
dump "$work/export.gpkg" geom >"$work/export.txt"
[ "$(wc -l <"$work/oapif.txt")" -eq 9600 ] || fail "ogr2ogr copied $(wc -l <"$work/oapif.txt") stations"
diff -q "$work/oapif.txt" "$work/export.txt" >/dev/null ||
  fail "OAPIF and /v1/export differ: $(diff "$work/oapif.txt" "$work/export.txt" | head -5)"
ogr2ogr -f GPKG "$work/streets.gpkg" "OAPIF:$url/ogc" streets districts -oo PAGE_SIZE=10000 ||
  fail "ogr2ogr streets and districts"
streets=$(curl -sf "$url/v1/meta" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["network"]["segments"])')
got=$(ogrinfo -ro -so "$work/streets.gpkg" streets | sed -n 's/^Feature Count: //p')
[ "$got" = "$streets" ] || fail "ogr2ogr copied $got of $streets street pieces"
got=$(ogrinfo -ro -so "$work/streets.gpkg" districts | sed -n 's/^Feature Count: //p')
[ "$got" = "16" ] || fail "ogr2ogr copied $got of 16 districts"
# A spatial filter goes to the server as bbox.
got=$(ogrinfo -ro -so "OAPIF:$url/ogc" stations -spat 116.38 39.90 116.42 39.93 | sed -n 's/^Feature Count: //p')
want=$(curl -sf "$url/v1/stations?bbox=116.38,39.90,116.42,39.93&limit=1" |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$got" = "$want" ] || fail "ogrinfo -spat counted $got stations, the bbox listing $want"

# OWSLib: the collections and two pages of items, as a Python client reads them.
"$owslib_python" - "$url/ogc" <<'EOF' || fail "OWSLib"
import sys
from owslib.ogcapi.features import Features
api = Features(sys.argv[1])
ids = [c["id"] for c in api.collections()["collections"]]
assert ids == ["stations", "districts", "streets", "coverage"], ids
assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in api.conformance()["conformsTo"]
stations = api.collection("stations")
assert stations["extent"]["spatial"]["bbox"][0][0] > 115, stations["extent"]
first = api.collection_items("stations", limit=3, host_type="bank")
assert first["numberReturned"] == 3 and first["numberMatched"] > 3, first["numberMatched"]
assert all(f["properties"]["host_type"] == "bank" for f in first["features"])
after = next(l["href"] for l in first["links"] if l["rel"] == "next").split("after=")[1]
second = api.collection_items("stations", limit=3, host_type="bank", after=after)
assert second["features"][0]["id"] > first["features"][-1]["id"]
# Part 2 through OWSLib: the same page latitude first (EPSG:4326) and in Web Mercator metres.
plain = api.collection_items("stations", limit=3)
swapped = api.collection_items("stations", limit=3, crs="http://www.opengis.net/def/crs/EPSG/0/4326")
for a, b in zip(plain["features"], swapped["features"]):
    assert b["geometry"]["coordinates"] == a["geometry"]["coordinates"][::-1], (a, b)
metres = api.collection_items("stations", limit=3, crs="http://www.opengis.net/def/crs/EPSG/0/3857")
assert all(abs(f["geometry"]["coordinates"][0]) > 1e7 for f in metres["features"]), metres
one = api.collection_item("stations", first["features"][0]["id"])
assert one["id"] == first["features"][0]["id"], one
print("OWSLib: %d collections, %d banks" % (len(ids), first["numberMatched"]))
EOF
# --public-url sets every link; a URL that is not one is refused at start.
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
start_server public --data "$work/stations.gpkg" --public-url https://maps.example.org/sf/
self=$(curl -sf "$url/ogc" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["links"][0]["href"])')
[ "$self" = "https://maps.example.org/sf/ogc" ] || fail "--public-url: the landing page links $self"
if "$bin" serve --port 0 --data "$work/stations.gpkg" --public-url 'maps.example.org' \
  >/dev/null 2>"$work/bad.err"; then fail "--public-url without a scheme accepted"; fi
grep -q "parameter_invalid (--public-url)" "$work/bad.err" || fail "--public-url: $(cat "$work/bad.err")"
echo "ogc clients: ok"
