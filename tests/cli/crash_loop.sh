#!/usr/bin/env bash
# Crash safety of the GeoPackage store, for real: writers stream PUTs and DELETEs at a
# server, the server is killed with SIGKILL at a random moment, restarted, and then
#   - the file passes SQLite's integrity check and opens cleanly;
#   - every acknowledged write is there (a PUT with its exact name; a DELETE: the id is gone);
#   - nothing is half there: each id has one current row, and a write in flight when the
#     server died is either wholly there or wholly absent.
# Usage: crash_loop.sh BIN [ROUNDS] [SEED]. Bounded: ROUNDS rounds of at most ~2 s of writes.
set -euo pipefail
bin="$1"
rounds="${2:-5}"
RANDOM="${3:-4242}"
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -9 "$server_pid" 2>/dev/null || true; fi
  jobs -p | xargs -r kill 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

bundled="$(dirname "$0")/../../geodata/beijing.gpkg"
cp "$bundled" "$work/store.gpkg"
token=crash-test-token-0123456789
printf 'crash:%s\n' "$token" >"$work/tokens.txt"

source "$(dirname "$0")/start_server.sh"
serve_store() {  # serve_store NAME: the server over the store, polling off
  start_server "$1" --data "$work/store.gpkg" --tokens-file "$work/tokens.txt" --poll-interval 0
}

# writer ROUND W: PUT new stations and DELETE some of them, one request at a time, logging
# "try OP ID NAME" before each request and "ok OP ID NAME" once it is acknowledged.
writer() {
  local round=$1 w=$2 i=0 log="$work/log.$1.$2" last=""
  while true; do
    i=$((i + 1))
    if [ $((i % 4)) -eq 0 ] && [ -n "$last" ]; then
      echo "try del $last -" >>"$log"
      code=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $token" \
        "$url/v1/stations/$last" || true)
      [ "$code" = 204 ] && echo "ok del $last -" >>"$log"
      last=""
      continue
    fi
    local id="crash-$round-$w-$i" name="Crash $round/$w/$i"
    echo "try put $id $name" >>"$log"
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/geo+json' "$url/v1/stations/$id" --data-binary \
      "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[116.4$i,39.9$w]},\"properties\":{\"name\":\"$name\",\"amenities\":[\"water\"]}}" ||
      true)
    [ "$code" = 201 ] || [ "$code" = 200 ] && { echo "ok put $id $name" >>"$log"; last=$id; }
  done
}

acked=0
for round in $(seq 1 "$rounds"); do
  serve_store "serve$round"
  for w in 1 2 3 4; do writer "$round" "$w" & done
  # A random moment between 0.3 and 1.8 s into the stream.
  sleep "$(printf '0.%d' $((3 + RANDOM % 15)))" 2>/dev/null || sleep 1
  [ $((RANDOM % 3)) -eq 0 ] && sleep 0.5
  kill -9 "$server_pid"
  jobs -p | grep -vx "$server_pid" | xargs -r kill 2>/dev/null || true
  wait 2>/dev/null || true
  server_pid=""

  # The file is sound and opens.
  check=$(ogrinfo -q -sql "PRAGMA integrity_check" "$work/store.gpkg" 2>&1 || true)
  grep -q "integrity_check (String) = ok" <<<"$check" || fail "round $round: integrity: $check"
  "$bin" export --data "$work/store.gpkg" --out "$work/now.csv" >/dev/null 2>"$work/export.err" ||
    fail "round $round: the store does not open: $(cat "$work/export.err")"
  dupes=$(cut -d, -f1 "$work/now.csv" | sort | uniq -d | head -3)
  [ -z "$dupes" ] || fail "round $round: ids with two current rows: $dupes"

  # Every acknowledged write is there; the one in flight is wholly there or wholly absent.
  for log in "$work"/log."$round".*; do
    [ -f "$log" ] || continue
    declare -A want=()
    while read -r state op id name; do
      if [ "$state" = ok ]; then
        acked=$((acked + 1))
        if [ "$op" = put ]; then want[$id]="$name"; else want[$id]="-gone-"; fi
      fi
    done <"$log"
    # The request in flight when the server died: the first one after the last acknowledged
    # (later ones found no server and cannot have been applied).
    in_flight=$(awk '/^ok /{last=NR} {line[NR]=$0} END{if (line[last+1] ~ /^try /) print line[last+1]}' "$log")
    for id in "${!want[@]}"; do
      row=$(grep -E "^$id," "$work/now.csv" || true)
      if [ "${want[$id]}" = "-gone-" ]; then
        [ -z "$row" ] || fail "round $round: $id was deleted (acknowledged) but is there"
      elif [ -z "$row" ]; then
        [ "$in_flight" = "try del $id -" ] ||
          fail "round $round: acknowledged $id is missing; log: $(grep -n -- "$id" "$log" | tr '\n' ' ')"
      else
        grep -q ",${want[$id]}," <<<"$row" || fail "round $round: $id is half there: $row"
      fi
    done
    # A PUT in flight is all there (its name) or absent.
    if [[ "$in_flight" == "try put "* ]]; then
      read -r _ _ id name <<<"$in_flight"
      row=$(grep -E "^$id," "$work/now.csv" || true)
      [ -z "$row" ] || grep -q ",$name," <<<"$row" || fail "round $round: in-flight $id is half there"
    fi
    unset want
  done
done
# A last start proves the server itself recovers the file, and serves what was acknowledged.
serve_store serve-last
curl -sf "$url/readyz" | grep -q '"status":"ready"' || fail "not ready after the last crash"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""
[ "$acked" -gt 0 ] || fail "no write was acknowledged in $rounds rounds"
echo "crash loop: $rounds rounds of SIGKILL, $acked acknowledged writes checked, all there"
