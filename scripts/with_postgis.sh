#!/usr/bin/env bash
# Runs a command with a private, throw-away PostgreSQL + PostGIS server on 127.0.0.1:
#   scripts/with_postgis.sh COMMAND [ARGS…]
# The cluster lives in a temporary directory (initdb; no service manager needed), listens on a
# free port, has a database "stationfinder" with the postgis extension, and is stopped and
# removed when COMMAND ends. COMMAND sees SF_TEST_PG="PG:host=127.0.0.1 port=… dbname=…
# user=…", the GDAL connection string the tests pass to `stationfinder --data`.
# Needs Debian's postgresql and postgresql-15-postgis-3 (scripts/install-deps.sh --postgis).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARGS…]" >&2; exit 2; }

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "with_postgis: PostgreSQL is not installed" >&2; exit 3; }

dir=$(mktemp -d /tmp/sf-pg.XXXXXX)
as_db_user=()
db_user=$(id -un)
if [ "$(id -u)" = 0 ]; then  # PostgreSQL refuses to run as root: run it as postgres
  chown postgres: "$dir"
  as_db_user=(runuser -u postgres --)
  db_user=postgres
fi
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (echo >"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "with_postgis: no free port" >&2; exit 3; }

stop() {
  "${as_db_user[@]}" "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as_db_user[@]}" "$pgbin/initdb" -D "$dir/data" -U "$db_user" --auth=trust -E UTF8 \
  --no-locale >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 3; }
"${as_db_user[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 3; }
psql=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$db_user")
"${psql[@]}" -d postgres -c "CREATE DATABASE stationfinder"
"${psql[@]}" -d stationfinder -c "CREATE EXTENSION postgis"
echo "with_postgis: PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') with PostGIS on 127.0.0.1:$port" >&2
export SF_TEST_PG="PG:host=127.0.0.1 port=$port dbname=stationfinder user=$db_user"
set +e
"$@"
status=$?
set -e
exit $status
