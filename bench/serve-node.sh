# Sourced by the bench scripts: serve_node JAR DB [serve options...] starts a node on a free port
# (heap SERVER_HEAP, default 512m), killed when the script exits, and waits until it is ready;
# it sets $server (its pid), $url and $log (its output, a temporary file). Ready includes the node's
# own warm-up (serve --warm-up, 1,000 requests by default: 25-35 s at 1M); pass --warm-up 0 to measure
# a cold node.
serve_node() {
  local jar=$1 db=$2
  shift 2
  log=$(mktemp)
  java "-Xmx${SERVER_HEAP:-512m}" -jar "$jar" serve --db "$db" --host 127.0.0.1 --port 0 "$@" >"$log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  url=""
  for _ in $(seq 1 600); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 || true)
    [ -n "$url" ] && curl -sf "$url/ready" >/dev/null 2>&1 && return 0
    kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  echo "the node did not become ready within 10 minutes; see $log" >&2
  exit 1
}
