#!/usr/bin/env bash
# Two replicas over one PostGIS store, for real: the bundled data is imported into PostGIS,
# two `stationfinder serve --data PG:…` processes run side by side with the default poll
# interval, and writes, deletes and bulk upserts made through one are read back from the
# other, without a restart. Needs SF_TEST_PG (scripts/with_postgis.sh sets it).
# Usage: replicas.sh BIN
set -euo pipefail
bin="$1"
if [ -z "${SF_TEST_PG:-}" ]; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL: SF_TEST_PG is not set under CI (run through scripts/with_postgis.sh)" >&2
    exit 1
  fi
  echo "skip: SF_TEST_PG is not set; run: scripts/with_postgis.sh ctest -R postgis_replicas"
  exit 77
fi
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
check() { grep -qE -- "$2" <<<"$3" || fail "$1: expected /$2/ in: $(head -c 600 <<<"$3")"; }

"$bin" import "$(dirname "$0")/../../geodata/beijing.gpkg" --out "$SF_TEST_PG" >"$work/import.out" 2>&1 ||
  fail "import into PostGIS: $(tail -3 "$work/import.out")"
check "import into PostGIS" "wrote: +9600 stations" "$(cat "$work/import.out")"
printf 'alice:alice-token-0123456789\nbob:bob-token-0123456789\n' >"$work/tokens.txt"

source "$(dirname "$0")/../cli/start_server.sh"
# start NAME: a replica over the PostGIS store on any free port.
start() {
  start_server "$1" --data "$SF_TEST_PG" --tokens-file "$work/tokens.txt" --state-dir "$work/state"
  pids+=("$server_pid")
}
start a
a=$url
start b
b=$url
check "writes go to PostGIS" "writes go to PG:host=127.0.0.1" "$(cat "$work/a.err")"
check "replica ready" '"status":"ready"' "$(curl -sf "$b/readyz")"
check "no password in meta" '"source":"PG:host=127.0.0.1' "$(curl -sf "$b/v1/meta")"

# wait_for URL PATH STATUS: polls until PATH answers STATUS; prints the milliseconds it took.
wait_for() {
  local start_ms now_ms code
  start_ms=$(date +%s%3N)
  for _ in $(seq 1 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$1$2")
    if [ "$code" = "$3" ]; then
      now_ms=$(date +%s%3N)
      echo $((now_ms - start_ms))
      return 0
    fi
    sleep 0.05
  done
  fail "$2 on $1 never answered $3 (last $code)"
}
auth() { echo "Authorization: Bearer $1-token-0123456789"; }
feature='{"type":"Feature","geometry":{"type":"Point","coordinates":[116.401,39.911]},"properties":{"id":"pg-1","name":"Through A","amenities":["water","toilet"]}}'

# A write through A is read back from B.
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "$(auth alice)" \
  -H 'Content-Type: application/geo+json' "$a/v1/stations" --data-binary "$feature")
[ "$code" = 201 ] || fail "POST through A answered $code"
ms_write=$(wait_for "$b" /v1/stations/pg-1 200)
check "B serves A's station" '"name":"Through A"' "$(curl -sf "$b/v1/stations/pg-1")"
check "and finds it nearest" '"id":"pg-1"' "$(curl -sf "$b/v1/stations/nearest?lon=116.401&lat=39.911&k=1")"

# A change through B is read back from A, and B's history names who changed what.
code=$(curl -s -o /dev/null -w '%{http_code}' -X PATCH -H "$(auth bob)" \
  -H 'Content-Type: application/merge-patch+json' "$b/v1/stations/pg-1" \
  --data-binary '{"properties":{"name":"Renamed through B"}}')
[ "$code" = 200 ] || fail "PATCH through B answered $code"
for _ in $(seq 1 100); do
  curl -sf "$a/v1/stations/pg-1" | grep -q 'Renamed through B' && break
  sleep 0.05
done
check "A serves B's change" '"name":"Renamed through B"' "$(curl -sf "$a/v1/stations/pg-1")"
check "history in PostGIS" '"by":"bob".*"op":"replaced"' \
  "$(curl -sf -H "$(auth alice)" "$a/v1/stations/pg-1/history")"

# A delete through A disappears from B (a tombstone in the change sequence).
code=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "$(auth alice)" "$a/v1/stations/pg-1")
[ "$code" = 204 ] || fail "DELETE through A answered $code"
ms_delete=$(wait_for "$b" /v1/stations/pg-1 404)
near=$(curl -sf "$b/v1/stations/nearest?lon=116.401&lat=39.911&k=1")
grep -q '"id":"pg-1"' <<<"$near" && fail "B still finds the deleted station nearest"

# A bulk upsert through B reaches A; both serve the same dataset version in the end.
bulk='id,name,lon,lat,amenities
pg-b1,Bulk one,116.41,39.92,water
pg-b2,Bulk two,116.42,39.93,toilet
'
check "bulk through B" '"added":2' "$(curl -sf -X POST -H "$(auth bob)" -H 'Content-Type: text/csv' \
  "$b/v1/stations/bulk" --data-binary "$bulk")"
wait_for "$a" /v1/stations/pg-b2 200 >/dev/null
va=""
vb="x"
for _ in $(seq 1 60); do
  va=$(curl -sf "$a/v1/meta" | grep -oE '"dataset_version":"[0-9a-f]+"')
  vb=$(curl -sf "$b/v1/meta" | grep -oE '"dataset_version":"[0-9a-f]+"')
  [ "$va" = "$vb" ] && break
  sleep 0.1
done
[ "$va" = "$vb" ] || fail "replicas disagree: A $va, B $vb"
# import --into works on the PostGIS store too: a dry run writes nothing, the real run is one
# transaction that both replicas pick up.
printf 'id,name,lon,lat\npg-b1,Bulk one renamed,116.41,39.92\npg-i1,Imported,116.43,39.94\n' >"$work/edit.csv"
dry=$("$bin" import "$work/edit.csv" --into "$SF_TEST_PG" --dry-run 2>&1)
check "dry run against PostGIS" "add: +1" "$dry"
check "dry run change" "change: +1" "$dry"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$a/v1/stations/pg-i1")" = 404 ] || fail "the dry run wrote"
check "import --into PostGIS" "applied: +2 changes" "$("$bin" import "$work/edit.csv" --into "$SF_TEST_PG" --by carol 2>&1)"
wait_for "$a" /v1/stations/pg-i1 200 >/dev/null
wait_for "$b" /v1/stations/pg-i1 200 >/dev/null
check "history names the importer" '"by":"carol"' "$(curl -sf -H "$(auth alice)" "$b/v1/stations/pg-b1/history")"
check "replicated changes counted" 'stationfinder_replicated_changes_total [1-9]' "$(curl -sf "$b/metrics")"
echo "postgis replicas: write seen by the other replica after ${ms_write} ms, delete after ${ms_delete} ms (default poll 1 s)"
