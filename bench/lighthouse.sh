#!/usr/bin/env bash
# Lighthouse's accessibility score (0-100) for the catalogue's home page, a search and a record page,
# run once by hand (not part of bin/test): serves the seed pages from a fresh database in a temporary
# folder and audits them in Debian's headless Chromium. Lighthouse comes from npm, pinned, into
# $LIGHTHOUSE_DIR (default /tmp/dossier-lighthouse), outside the repository.
#
#   bench/lighthouse.sh
#
# Environment: LIGHTHOUSE_DIR, LIGHTHOUSE_VERSION (default 12.2.3: 13 wants Node 22).
set -euo pipefail
cd "$(dirname "$0")/.."

LIGHTHOUSE_DIR=${LIGHTHOUSE_DIR:-/tmp/dossier-lighthouse}
LIGHTHOUSE_VERSION=${LIGHTHOUSE_VERSION:-12.2.3}
bin/ensure-chromium
if [ ! -x "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$LIGHTHOUSE_DIR"
  (cd "$LIGHTHOUSE_DIR" && npm i -E --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null)
fi
mvn -B -q -DskipTests package

work=$(mktemp -d)
log="$work/serve.log"
java -jar target/dossier.jar serve --db "$work/dossier.db" --host 127.0.0.1 --port 0 --seeds seeds >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  grep -q "is serving" "$log" && break
  kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)

echo "Lighthouse $LIGHTHOUSE_VERSION accessibility, $(chromium --version 2>/dev/null | head -1), commit $(git rev-parse --short HEAD)"
for path in "/" "/search?q=korea" "/search?q=stalin&person=stalin&year=1950" \
            "/documents/3/letter-to-stalin-from-the-commanders-and-soldiers-of-the-korean-army-in-china"; do
  for preset in desktop mobile; do
    flags=(--only-categories=accessibility --output=json --output-path="$work/report.json" --quiet
           --chrome-flags="--headless=new --no-sandbox --disable-gpu --host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
    if [ "$preset" = desktop ]; then flags+=(--preset=desktop); fi
    CHROME_PATH=/usr/bin/chromium "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" "$url$path" "${flags[@]}"
    node -e '
      const r = require(process.argv[1]);
      const failed = Object.values(r.audits).filter(a => a.score === 0 && a.scoreDisplayMode === "binary").map(a => a.id);
      console.log(`${Math.round(r.categories.accessibility.score * 100)}  ${process.argv[2]}  ${process.argv[3]}` +
                  (failed.length ? `  failed: ${failed.join(", ")}` : ""));
    ' "$work/report.json" "$preset" "$path"
  done
done
