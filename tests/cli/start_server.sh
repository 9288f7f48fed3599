# Sourced by the shell tests. start_server NAME ARGS…: `$bin serve --port 0 ARGS…` in the
# background, output in $work/NAME.out and $work/NAME.err; waits for the URL it prints and sets
# server_pid and url. Needs $bin and $work, and a fail function.
start_server() {
  local name="$1"
  shift
  "$bin" serve --port 0 "$@" >"$work/$name.out" 2>"$work/$name.err" &
  server_pid=$!
  url=""
  for _ in $(seq 1 150); do
    url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/$name.out" | head -1 || true)
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || fail "serve ($name) printed no URL: $(tail -5 "$work/$name.err")"
}
