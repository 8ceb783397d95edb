#!/usr/bin/env bash
# What the main pages of the seed catalogue cost a reader on a phone, against a catalogue already
# serving the seed pages at URL: each page's and each linked file's bytes, plain and as gzip, with
# its Cache-Control; then Lighthouse's performance category for each page with its mobile defaults
# (a mid-range phone, simulated slow 4G: 150 ms round trips, 1.6 Mbit/s, the processor 4x slower).
# Lighthouse comes from npm as in bench/lighthouse.sh. Run by hand, under the benchmark lock:
#
#   flock /work/wt/bench.lock nice bench/phone-pages.sh http://127.0.0.1:7070 /tmp/phone-reports
#
# Environment: LIGHTHOUSE_DIR (default /tmp/dossier-lighthouse), LIGHTHOUSE_VERSION (default 12.2.3).
set -euo pipefail
base=$1
out=${2:-$(mktemp -d)}
LIGHTHOUSE_DIR=${LIGHTHOUSE_DIR:-/tmp/dossier-lighthouse}
LIGHTHOUSE_VERSION=${LIGHTHOUSE_VERSION:-12.2.3}
if [ ! -x "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$LIGHTHOUSE_DIR"
  (cd "$LIGHTHOUSE_DIR" && npm i -E --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null)
fi
mkdir -p "$out"
pages=("/" "/search?q=stalin&person=stalin&type=letter"
       "/documents/3/letter-to-stalin-from-the-commanders-and-soldiers-of-the-korean-army-in-china"
       "/documents/3/v/1" "/documents/3/history" "/people/stalin" "/admin/login")
files=$(for p in "/" "${pages[2]}"; do curl -s "$base$p"; done \
  | grep -o '\(href\|src\|data-sheet\)="/static/[^"]*"' | sed 's/.*="\(.*\)"/\1/' | sort -u)

printf "%-60s %8s %8s %-5s %s\n" address plain gzip coded cache-control
for p in "${pages[@]}" $files "/search.json?q=korea" "/search.csv?q=korea" \
         "/oai?verb=ListRecords&metadataPrefix=oai_dc" "/feed.atom" "/sitemap.xml"; do
  plain=$(curl -s -o /dev/null -w "%{size_download}" "$base$p")
  read -r gz coded <<<"$(curl -s -H "Accept-Encoding: gzip, deflate, br, zstd" -o /dev/null \
    -w "%{size_download} %header{content-encoding}" "$base$p")"
  cache=$(curl -s -o /dev/null -w "%header{cache-control}" "$base$p")
  printf "%-60s %8s %8s %-5s %s\n" "${p:0:60}" "$plain" "$gz" "${coded:--}" "${cache:--}"
done

echo
echo "Lighthouse $LIGHTHOUSE_VERSION performance, mobile, $(chromium --version 2>/dev/null | head -1)"
i=0
for p in "${pages[@]}"; do
  i=$((i + 1))
  CHROME_PATH=/usr/bin/chromium "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" "$base$p" --only-categories=performance \
    --output=json --output-path="$out/$i.json" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
  node -e '
    const r = require(process.argv[1]); const a = r.audits;
    const n = k => Math.round(a[k].numericValue);
    console.log([Math.round(r.categories.performance.score * 100), "FCP", n("first-contentful-paint"),
      "LCP", n("largest-contentful-paint"), "TBT", n("total-blocking-time"),
      "CLS", a["cumulative-layout-shift"].numericValue.toFixed(3), "bytes", a["total-byte-weight"].numericValue,
      "requests", a["network-requests"].details.items.length, "long-cache", a["uses-long-cache-ttl"].score,
      "compression", a["uses-text-compression"].score, process.argv[2]].join(" "));
  ' "$out/$i.json" "$p"
done
