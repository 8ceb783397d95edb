#!/usr/bin/env bash
# A rename of a name linked to very many records, and what an editor saving another record meets
# meanwhile. For each JAR in turn, on a fresh copy of DB and its INDEX: a node (bench/serve-node.sh),
# an editor saving RECORD over and over (bench/SavesDuringImport.java) for 30 s alone, then while
# PERSON is renamed through its edit form. Prints the rename request's status and time, how long until
# every linked record's datestamp had moved (the catalogue's restamp table empty: sqlite3), and the
# saves of each phase (a save whose form was refused counts under the form's status).
#
#   bench/rename-benchmark.sh DB INDEX PERSON RECORD JAR...
#
# e.g. bench/rename-benchmark.sh 1m.db 1m.index stalin 4 BEFORE.jar AFTER.jar
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/serve-node.sh"
db=$1 index=$2 person=$3 record=$4
shift 4
user=bench password="bench password 1234"
work=$(mktemp -d /tmp/dossier-rename-bench.XXXXXX)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

for jar in "$@"; do
  name=$(basename "$jar" .jar)
  echo "== $name ($(date -u +%H:%M:%S) UTC): copying the catalogue"
  editor_node "$jar" "$db" "$index" "$work" "$user" "$password"
  links=$(sqlite3 "$work/db/catalogue.db" "select count(*) from document_person join person on person.id = person_id where key = '$person'")
  echo "$person is linked to $links records"

  echo "-- saves alone (30 s)"
  rm -f "$work/stop"
  java "$here/SavesDuringImport.java" "$url" "$user" "$password" "$record" "$work/stop" &
  client=$!
  sleep 30
  touch "$work/stop"
  wait $client

  echo "-- saves while $person is renamed"
  rm -f "$work/stop"
  java "$here/SavesDuringImport.java" "$url" "$user" "$password" "$record" "$work/stop" &
  client=$!
  sleep 2
  curl -s -b "$cookies" "$url/admin/people/$person/edit" >"$work/form.html"
  # Every field of the form as it is (its other forms of the name included), the name changed, a note.
  python3 - "$work/form.html" >"$work/post" <<'PY'
import html, re, sys, urllib.parse
page = open(sys.argv[1], encoding="utf-8").read()
form = page[page.index('class="authority-form'):]
form = form[:form.index("</form>")]
fields = []
for tag in re.findall(r"<select\b.*?</select>|<(?:input|textarea)\b[^>]*>(?:[^<]*</textarea>)?", form, re.S):
    name = re.search(r'name="([^"]*)"', tag)
    if not name or re.search(r'type="(?:submit|checkbox|radio)"', tag):
        continue
    if tag.startswith("<textarea"):
        value = html.unescape(re.sub(r"^<textarea[^>]*>|</textarea>$", "", tag))
    elif tag.startswith("<select"):
        chosen = re.search(r'<option[^>]*selected[^>]*value="([^"]*)"|<option[^>]*value="([^"]*)"[^>]*selected', tag)
        value = html.unescape(next(g for g in chosen.groups() if g is not None)) if chosen else ""
    else:
        value = html.unescape(re.search(r'value="([^"]*)"', tag).group(1)) if 'value="' in tag else ""
    fields.append((name.group(1), value))
for kind in re.findall(r'<input[^>]*type="radio"[^>]*>', form):
    if "checked" in kind:
        fields.append((re.search(r'name="([^"]*)"', kind).group(1), re.search(r'value="([^"]*)"', kind).group(1)))
fields = [(k, v + " (renamed)" if k == "name" else v) for k, v in fields if k != "note"] + [("note", "The name as the catalogue writes it")]
print(urllib.parse.urlencode(fields))
PY
  started=$(date +%s.%N)
  curl -s -o "$work/answer.html" -w "rename request: %{http_code} in %{time_total} s\n" --max-time 600 -b "$cookies" \
    --data @"$work/post" "$url/admin/people/$person/edit"
  while [ "$(sqlite3 "$work/db/catalogue.db" 'select count(*) from restamp' 2>/dev/null || echo 1)" != 0 ]; do
    sleep 0.5
  done
  ended=$(date +%s.%N)
  touch "$work/stop"
  wait $client
  stamped=$(sqlite3 "$work/db/catalogue.db" "select count(*) from document where updated_at >= strftime('%Y-%m-%dT%H:%M:%SZ', $started, 'unixepoch') and withdrawn_at is null")
  echo "every linked record stamped $(echo "$ended - $started" | bc) s after the request began; $stamped records stamped since"
  kill $server; wait $server 2>/dev/null || true
done
