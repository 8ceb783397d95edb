# Sourced by the bench scripts: serve_node JAR DB [serve options...] starts a node on a free port
# (heap SERVER_HEAP, default 512m; SERVER_JVM, the JVM's further options, split at spaces; the collector
# SERVER_GC, default -XX:+UseParallelGC as bin/run and README serve a node, -XX:+UseG1GC for the JVM's own
# as every figure in BENCHMARKS.md before 2026-12-07 07:30 UTC, left out when SERVER_JVM names one; the heap
# committed whole from the start, -Xms as -Xmx, unless SERVER_JVM gives -Xms or -Xmx: every figure before
# 2026-12-07 09:30 UTC started with the JVM's default, a 64th of the machine's memory), killed when the script exits, and waits until it is ready;
# it sets $server (its pid), $url and $log (its output, a temporary file). Ready includes the node's
# own warm-up (serve --warm-up, 1,000 requests by default: 25-35 s at 1M); pass --warm-up 0 to measure
# a cold node.
serve_node() {
  local jar=$1 db=$2
  shift 2
  log=$(mktemp)
  local gc=${SERVER_GC--XX:+UseParallelGC}
  case " ${SERVER_JVM:-} " in *" -XX:+Use"*"GC "*) gc="" ;; esac
  local committed="-Xms${SERVER_HEAP:-512m}"
  case " ${SERVER_JVM:-} " in *" -Xms"* | *" -Xmx"*) committed="" ;; esac
  # shellcheck disable=SC2086
  java "-Xmx${SERVER_HEAP:-512m}" $committed $gc ${SERVER_JVM:-} -jar "$jar" serve --db "$db" --host 127.0.0.1 --port 0 "$@" >"$log" 2>&1 &
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

# field NAME < PAGE: the value of the first input named NAME in an HTML page.
field() { grep -o "name=\"$1\" value=\"[^\"]*\"" | head -1 | sed 's/.*value="//;s/"$//'; }

# editor_node JAR DB INDEX WORK USER PASSWORD: a fresh copy of DB and its INDEX in WORK/db, an
# editor account USER on it, a cold node serving it (serve_node), and USER signed in with the
# cookies in $cookies (WORK/cookies).
editor_node() {
  local jar=$1 db=$2 index=$3 work=$4 user=$5 password=$6
  rm -rf "$work/db" && mkdir "$work/db"
  cp "$db" "$work/db/catalogue.db" && cp -r "$index" "$work/db/catalogue.index"
  cp "$jar" "$work/dossier.jar"
  printf '%s\n' "$password" | java -jar "$work/dossier.jar" user add --db "$work/db/catalogue.db" --role editor "$user" >/dev/null
  serve_node "$work/dossier.jar" "$work/db/catalogue.db" --index "$work/db/catalogue.index" --warm-up 0
  cookies=$work/cookies
  rm -f "$cookies"
  local csrf
  csrf=$(curl -s -c "$cookies" -b "$cookies" "$url/admin/login" | field csrf)
  curl -s -o /dev/null -c "$cookies" -b "$cookies" --data-urlencode "csrf=$csrf" --data-urlencode "username=$user" \
    --data-urlencode "password=$password" "$url/admin/login"
}
