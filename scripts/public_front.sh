#!/usr/bin/env bash
# stationfinder behind nginx (deploy/nginx-public.conf): the server on a private 127.0.0.1
# port, nginx on LISTEN (default 127.0.0.1:8080). Runs until Ctrl-C or SIGTERM, then stops
# both. Used by scripts/serve.sh --public and by the public-front test, so both run the same
# configuration. Usage: scripts/public_front.sh BIN [--listen ADDR:PORT] [serve flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$1"
shift
listen="127.0.0.1:8080"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --listen) listen="$2"; shift ;;
    --port | --host) echo "public_front.sh: the server's own port is private; use --listen" >&2; exit 2 ;;
    *) args+=("$1") ;;
  esac
  shift
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "public_front.sh: nginx is not installed (apt-get install nginx-light)" >&2; exit 1; }
run=$(mktemp -d "${TMPDIR:-/tmp}/stationfinder-public.XXXXXX")
chmod 755 "$run"  # nginx's workers (www-data when started as root) use its buffer folders
server_pid=""
nginx_pid=""
stop() {
  trap - INT TERM EXIT
  if [ -n "$nginx_pid" ]; then kill -QUIT "$nginx_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$run"
}
trap stop INT TERM EXIT
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true  # connections are files

mkfifo "$run/server.out"
"$bin" serve --host 127.0.0.1 --port 0 "${args[@]}" >"$run/server.out" &
server_pid=$!
upstream=""
while IFS= read -r line; do
  echo "$line"
  if [[ "$line" =~ serving.*http://(127\.0\.0\.1:[0-9]+)/ ]]; then
    upstream="${BASH_REMATCH[1]}"
    break
  fi
done <"$run/server.out"
[ -n "$upstream" ] || { echo "public_front.sh: the server did not start" >&2; exit 1; }
cat "$run/server.out" &  # keep passing its standard output on

sed -e "s|@LISTEN@|$listen|g" -e "s|@UPSTREAM@|$upstream|g" -e "s|@RUN@|$run|g" \
  deploy/nginx-public.conf >"$run/nginx.conf"
"$nginx_bin" -p "$run" -c "$run/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 100); do [ -s "$run/nginx.pid" ] && break; sleep 0.05; done
echo "public front: nginx on http://$listen/ -> stationfinder on http://$upstream/ (pid $server_pid)"
set +e
wait -n "$server_pid" "$nginx_pid"
